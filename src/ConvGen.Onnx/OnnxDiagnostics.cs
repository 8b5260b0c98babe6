namespace ConvGen.Onnx
{
    /// <summary>
    /// The IDs of the importer's build errors (reported by the ConvGenModel item on the model file and by
    /// <c>dotnet convgen import</c>); each has a help page in docs/diagnostics.
    /// </summary>
    public static class OnnxDiagnostics
    {
        /// <summary>The file is not a valid ONNX model, or a tensor can't be trusted (an <see cref="System.IO.InvalidDataException"/>).</summary>
        public const string Unreadable = "CONV800";

        /// <summary>The model uses an operator, attribute or structure ConvGen can't run exactly (an <see cref="OnnxImportException"/>).</summary>
        public const string Unsupported = "CONV801";

        /// <summary>A ConvGenModel item's ClassName, Namespace or InputShape is not valid.</summary>
        public const string BadMetadata = "CONV802";

        /// <summary>All of them.</summary>
        public static readonly string[] All = { Unreadable, Unsupported, BadMetadata };
    }
}
