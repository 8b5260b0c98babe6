using ConvGen.Generator.Kernels;

namespace ConvGen.Generator.Layers.Activations
{
    /// <summary>Everything emission needs for an activation layer.</summary>
    /// <param name="KernelName">The element-wise kernel's name in generated code (e.g. <c>Act_ReLU</c>); null for Softmax and Dropout.</param>
    /// <param name="Epilogue">The element-wise function, as the convolutions' epilogue spells it.</param>
    /// <param name="NchwDim">Softmax: the axis of (N, C, H, W) that dim names.</param>
    /// <param name="MatrixDim">Softmax: the axis of (rows, features) that dim names; null when dim is outside [−2, 1].</param>
    internal sealed record ActivationPlan(ActivationLayerSpec Spec, string? KernelName, Epilogue Epilogue, int NchwDim, int? MatrixDim);

    /// <summary>Resolves Softmax's dim for each Forward (negative: from the last axis, as PyTorch) and names the kernel.</summary>
    internal static class ActivationPlanner
    {
        public static ActivationPlan Plan(ActivationLayerSpec spec)
        {
            string? kernel = spec.IsSoftmax || spec.IsDropout ? null : $"{spec.Target.PlainName}_{spec.Function}";
            int nchw = spec.Dim < 0 ? spec.Dim + 4 : spec.Dim;
            int? matrix = spec.Dim >= -2 && spec.Dim <= 1 ? (spec.Dim < 0 ? spec.Dim + 2 : spec.Dim) : null;
            return new ActivationPlan(spec, kernel, new Epilogue(spec.Function, spec.NegativeSlope), nchw, matrix);
        }
    }
}
