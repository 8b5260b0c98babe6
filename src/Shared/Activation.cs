// Linked into the runtime (public API) and the generator (which reads the attribute's value): one list of activations.
namespace ConvGen
{
    /// <summary>
    /// The activation a layer applies to its result in the kernel's epilogue, in registers, with no second pass over the
    /// output: the result equals PyTorch's layer followed by the <c>torch.nn</c> activation of the same name.
    /// </summary>
#if CONVGEN_GENERATOR
    internal enum Activation
#else
    public enum Activation
#endif
    {
        /// <summary>No activation: the layer's own output.</summary>
        None = 0,
        /// <summary><c>nn.ReLU</c>: max(x, 0); NaN stays NaN.</summary>
        ReLU = 1,
        /// <summary><c>nn.ReLU6</c>: min(max(x, 0), 6); NaN stays NaN.</summary>
        ReLU6 = 2,
        /// <summary><c>nn.LeakyReLU(negative_slope)</c>: x if x &gt; 0, else x·<c>NegativeSlope</c> (default 0.01).</summary>
        LeakyReLU = 3,
        /// <summary><c>nn.Sigmoid</c>: 1 / (1 + exp(−x)).</summary>
        Sigmoid = 4,
        /// <summary><c>nn.Tanh</c>.</summary>
        Tanh = 5,
        /// <summary><c>nn.Hardsigmoid</c>: relu6(x + 3) / 6.</summary>
        Hardsigmoid = 6,
        /// <summary><c>nn.Hardswish</c>: x·relu6(x + 3) / 6.</summary>
        Hardswish = 7,
        /// <summary><c>nn.SiLU</c> (swish): x / (1 + exp(−x)).</summary>
        SiLU = 8,
        /// <summary><c>nn.GELU()</c>: x·Φ(x) with the exact normal CDF, 0.5·x·(1 + erf(x/√2)).</summary>
        GELU = 9,
        /// <summary><c>nn.GELU(approximate="tanh")</c>: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
        GELUTanh = 10,
    }
}
