using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>What a <c>[Flatten]</c> attribute says: <c>start_dim</c> and <c>end_dim</c> as written (negative from the end).</summary>
    internal sealed record FlattenSpec(LayerTarget Target, int StartDim, int EndDim)
    {
        /// <summary>The rank of the input every ConvGen Flatten takes: (N, C, H, W).</summary>
        public const int InputRank = 4;

        /// <summary>A dimension as an index 0 … 3 (PyTorch's maybe_wrap_dim).</summary>
        public static int Normalise(int dim) => dim < 0 ? dim + InputRank : dim;

        public string ToPyTorch() =>
            StartDim == 1 && EndDim == -1 ? "nn.Flatten()" : $"nn.Flatten({StartDim}, {EndDim})";
    }

    /// <summary>The normalised dimensions the emitter writes.</summary>
    internal sealed record FlattenPlan(FlattenSpec Spec, int Start, int End)
    {
        public int OutputRank => FlattenSpec.InputRank - (End - Start);

        public static FlattenPlan Create(FlattenSpec spec) => new(spec, FlattenSpec.Normalise(spec.StartDim), FlattenSpec.Normalise(spec.EndDim));
    }
}
