using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.Flatten</c> layer for NCHW input on the <c>partial class</c> it decorates: dimensions
    /// <see cref="StartDim"/> … <see cref="EndDim"/> of the (N, C, H, W) input become one. On a contiguous tensor the data
    /// does not move, so <c>Forward</c> is a copy (nothing when input and output are the same memory); the layer's
    /// constants and <c>GetOutputShape</c> give the flattened shape.
    /// </summary>
    /// <example><code>
    /// [Flatten]                            // nn.Flatten(): (N, C, H, W) → (N, C·H·W)
    /// public partial class ToFeatures;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : LayerAttribute
    {
        /// <summary><c>start_dim</c>: the first dimension to flatten, −4 … 3 (negative counts from the end). Default 1.</summary>
        public int StartDim { get; set; } = 1;

        /// <summary><c>end_dim</c>: the last dimension to flatten, −4 … 3 (negative counts from the end). Default −1.</summary>
        public int EndDim { get; set; } = -1;
    }
}
