using System.Collections.Generic;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>The members a padding layer generates (emitter) and that the user's class must not declare (CONV307).</summary>
    internal static class PadMembers
    {
        public const string PaddingLeft = nameof(PaddingLeft);
        public const string PaddingRight = nameof(PaddingRight);
        public const string PaddingTop = nameof(PaddingTop);
        public const string PaddingBottom = nameof(PaddingBottom);
        public const string PaddingMode = nameof(PaddingMode);
        public const string Value = nameof(Value);
        public const string Parameters = nameof(Parameters);
        public const string GetOutputHeight = nameof(GetOutputHeight);
        public const string GetOutputWidth = nameof(GetOutputWidth);
        public const string ParametersField = "s_padParameters";

        public static IReadOnlyCollection<string> All { get; } = new HashSet<string>
        {
            PaddingLeft, PaddingRight, PaddingTop, PaddingBottom, PaddingMode, Value, Parameters, GetOutputHeight, GetOutputWidth, ParametersField,
        };
    }
}
