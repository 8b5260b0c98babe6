using ConvGen.Generator.Common;

// The namespace is not "…Layers.Linear": under ConvGen.Generator.Layers that name would hide Common.Linear (the
// emitted-offset type) from every other family.
namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>What a <c>[Linear]</c> attribute says, as plain values (no symbols, syntax or locations).</summary>
    internal sealed record LinearSpec(LayerTarget Target, int InFeatures, int OutFeatures, bool Bias, Activation Activation, float NegativeSlope)
    {
        /// <summary>Elements of the weight (out, in).</summary>
        public long WeightLength => (long)InFeatures * OutFeatures;

        /// <summary>The <c>torch.nn</c> call this layer is equivalent to, followed by its activation.</summary>
        public string ToPyTorch()
        {
            string call = $"nn.Linear({InFeatures}, {OutFeatures}{(Bias ? "" : ", bias=False")})";
            return Activation == Activation.None ? call : call + " + " + ActivationText(Activation, NegativeSlope);
        }

        /// <summary>The <c>torch.nn</c> module of an activation: nn.ReLU(), nn.LeakyReLU(0.2), nn.GELU(approximate='tanh').</summary>
        public static string ActivationText(Activation activation, float slope) => activation switch
        {
            Activation.LeakyReLU => $"nn.LeakyReLU({slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})",
            Activation.GELUTanh => "nn.GELU(approximate='tanh')",
            _ => $"nn.{activation}()",
        };
    }
}
