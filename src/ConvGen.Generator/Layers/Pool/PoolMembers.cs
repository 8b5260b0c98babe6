using System.Collections.Generic;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>
    /// The names of the members a pooling layer generates: the emitter writes them from here, and the parser checks the
    /// user's class against <see cref="All"/> (CONV307).
    /// </summary>
    internal static class PoolMembers
    {
        public const string KernelHeight = nameof(KernelHeight);
        public const string KernelWidth = nameof(KernelWidth);
        public const string StrideHeight = nameof(StrideHeight);
        public const string StrideWidth = nameof(StrideWidth);
        public const string PaddingHeight = nameof(PaddingHeight);
        public const string PaddingWidth = nameof(PaddingWidth);
        public const string DilationHeight = nameof(DilationHeight);
        public const string DilationWidth = nameof(DilationWidth);
        public const string CeilMode = nameof(CeilMode);
        public const string ReturnIndices = nameof(ReturnIndices);
        public const string CountIncludePad = nameof(CountIncludePad);
        public const string DivisorOverride = nameof(DivisorOverride);
        public const string InputHeight = nameof(InputHeight);
        public const string InputWidth = nameof(InputWidth);
        /// <summary>The fixed output size (MaxPool2d/AvgPool2d with a fixed input), or an adaptive pool's output_size.</summary>
        public const string OutputHeight = nameof(OutputHeight);
        public const string OutputWidth = nameof(OutputWidth);
        public const string GetOutputHeight = nameof(GetOutputHeight);
        public const string GetOutputWidth = nameof(GetOutputWidth);
        public const string OutputSize = nameof(OutputSize);
        public const string PyTorch = nameof(PyTorch);
        public const string WindowField = "s_poolWindow";

        /// <summary>Every name a pooling layer may generate, whatever its arguments.</summary>
        public static IReadOnlyCollection<string> All { get; } = new HashSet<string>
        {
            KernelHeight, KernelWidth, StrideHeight, StrideWidth, PaddingHeight, PaddingWidth, DilationHeight, DilationWidth,
            CeilMode, ReturnIndices, CountIncludePad, DivisorOverride, InputHeight, InputWidth, OutputHeight, OutputWidth,
            GetOutputHeight, GetOutputWidth, OutputSize, PyTorch, WindowField,
        };
    }
}
