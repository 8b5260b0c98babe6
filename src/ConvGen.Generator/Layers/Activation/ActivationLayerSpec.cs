using ConvGen.Generator.Common;

// Not "…Layers.Activation": under ConvGen.Generator.Layers that name would hide the ConvGen.Activation enum from every
// other family.
namespace ConvGen.Generator.Layers.Activations
{
    /// <summary>
    /// What an activation-layer attribute says (<c>[ReLU]</c> … <c>[GELU]</c>, <c>[Softmax]</c>, <c>[Dropout]</c>), as plain
    /// values. <see cref="Function"/> is the element-wise function (GELU with approximate="tanh" is GELUTanh); None for
    /// Softmax and Dropout.
    /// </summary>
    internal sealed record ActivationLayerSpec(LayerTarget Target, string Module, Activation Function, float NegativeSlope, int Dim, float P)
    {
        public bool IsSoftmax => Module == "Softmax";

        public bool IsDropout => Module == "Dropout";

        /// <summary>The <c>torch.nn</c> call this layer is equivalent to.</summary>
        public string ToPyTorch() => Module switch
        {
            "LeakyReLU" => $"nn.LeakyReLU({Float(NegativeSlope)})",
            "GELU" => Function == Activation.GELUTanh ? "nn.GELU(approximate='tanh')" : "nn.GELU()",
            "Softmax" => $"nn.Softmax(dim={Dim})",
            "Dropout" => $"nn.Dropout(p={Float(P)})",
            _ => $"nn.{Module}()",
        };

        private static string Float(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
