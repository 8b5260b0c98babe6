namespace ConvGen.Generator.Common
{
    /// <summary>The <c>[GeneratedCode]</c> attribute on generated members, with the generator's version.</summary>
    internal static class GeneratedCode
    {
        public static readonly string Version = typeof(GeneratedCode).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>For code with <c>using System.CodeDom.Compiler;</c> (the kernels' namespace).</summary>
        public static readonly string Attribute = $"[GeneratedCode(\"ConvGen\", \"{Version}\")]";

        /// <summary>For code in the user's namespace.</summary>
        public static readonly string Global = $"[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\", \"{Version}\")]";
    }
}
