using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.ReLU()</c> layer: max(x, 0), element-wise on any shape, in place or not. The layer has a
    /// parameterless constructor, <c>Forward(input, output)</c> and <c>Forward(input, output, batch, channels, height, width)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReLUAttribute : LayerAttribute
    {
    }

    /// <summary>Generates a <c>torch.nn.ReLU6()</c> layer: min(max(x, 0), 6), element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReLU6Attribute : LayerAttribute
    {
    }

    /// <summary>
    /// Generates a <c>torch.nn.LeakyReLU(negative_slope=0.01)</c> layer: x if x &gt; 0, else x·negative_slope,
    /// element-wise (see <see cref="ReLUAttribute"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class LeakyReLUAttribute : LayerAttribute
    {
        /// <summary><c>nn.LeakyReLU()</c>: slope 0.01.</summary>
        public LeakyReLUAttribute()
        {
        }

        /// <summary><c>nn.LeakyReLU(negativeSlope)</c>.</summary>
        public LeakyReLUAttribute(float negativeSlope) => NegativeSlope = negativeSlope;

        /// <summary><c>negative_slope</c> (default 0.01).</summary>
        public float NegativeSlope { get; set; } = 0.01f;
    }

    /// <summary>Generates a <c>torch.nn.Sigmoid()</c> layer: 1/(1 + e^−x), element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SigmoidAttribute : LayerAttribute
    {
    }

    /// <summary>Generates a <c>torch.nn.Tanh()</c> layer, element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class TanhAttribute : LayerAttribute
    {
    }

    /// <summary>Generates a <c>torch.nn.Hardsigmoid()</c> layer: relu6(x + 3)/6, element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class HardsigmoidAttribute : LayerAttribute
    {
    }

    /// <summary>Generates a <c>torch.nn.Hardswish()</c> layer: x·relu6(x + 3)/6, element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class HardswishAttribute : LayerAttribute
    {
    }

    /// <summary>Generates a <c>torch.nn.SiLU()</c> layer: x·σ(x), element-wise (see <see cref="ReLUAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SiLUAttribute : LayerAttribute
    {
    }

    /// <summary>
    /// Generates a <c>torch.nn.GELU(approximate='none')</c> layer: x·Φ(x), or with <see cref="Approximate"/> = "tanh" its
    /// tanh approximation; element-wise (see <see cref="ReLUAttribute"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class GELUAttribute : LayerAttribute
    {
        /// <summary><c>approximate</c>: "none" (default, the exact normal CDF) or "tanh"; anything else is a build error (CONV501).</summary>
        public string Approximate { get; set; } = "none";
    }

    /// <summary>
    /// Generates a <c>torch.nn.Softmax(dim)</c> layer: e^(x − max)/Σe^(x − max) along <see cref="Dim"/>, numerically stable.
    /// <c>Forward(input, output, batch, channels, height, width)</c> takes the input as (N, C, H, W), so dim 1 (or −3) is
    /// the channels; <c>Forward(input, output, rows, features)</c> takes it as (rows, features), so dim 1 (or −1) is the
    /// features. A negative dim counts from the last axis of the shape of the overload called, as in PyTorch.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SoftmaxAttribute : LayerAttribute
    {
        /// <summary><c>nn.Softmax(dim=1)</c>; 1 is also what PyTorch's deprecated implicit dim picks for 2-D and 4-D inputs.</summary>
        public SoftmaxAttribute()
        {
        }

        /// <summary><c>nn.Softmax(dim)</c>.</summary>
        public SoftmaxAttribute(int dim) => Dim = dim;

        /// <summary><c>dim</c>: the axis the values sum to 1 along, in [−4, 3] (CONV503).</summary>
        public int Dim { get; set; } = 1;
    }

    /// <summary>
    /// Generates a <c>torch.nn.Dropout(p=0.5)</c> layer in inference mode (<c>model.eval()</c>): the identity, so a model's
    /// definition can be copied unchanged. <see cref="P"/> must be in [0, 1] as PyTorch requires (CONV502).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : LayerAttribute
    {
        /// <summary><c>nn.Dropout()</c>: p = 0.5.</summary>
        public DropoutAttribute()
        {
        }

        /// <summary><c>nn.Dropout(p)</c>.</summary>
        public DropoutAttribute(float p) => P = p;

        /// <summary><c>p</c>, the probability of an element to be zeroed in training (default 0.5); no effect at inference.</summary>
        public float P { get; set; } = 0.5f;
    }
}
