using System.Globalization;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>
    /// What a <c>[BatchNorm2d]</c> attribute says, as plain values: the input of validation, planning and emission.
    /// Holds no symbols, syntax or locations.
    /// </summary>
    /// <param name="Eps">PyTorch's <c>eps</c> as written (a double); the layer uses it rounded to float32, as ATen does.</param>
    /// <param name="Momentum">PyTorch's <c>momentum</c>: no effect at inference, kept for the PyTorch call in comments.</param>
    internal sealed record BatchNormSpec(LayerTarget Target, int NumFeatures, double Eps, double Momentum, bool Affine)
    {
        /// <summary>The <c>torch.nn</c> call this layer is equivalent to (in <c>eval()</c> mode).</summary>
        public string ToPyTorch()
        {
            var text = new System.Text.StringBuilder($"nn.BatchNorm2d({NumFeatures}");
            if (Eps != 1e-5) text.Append(", eps=").Append(Eps.ToString("R", CultureInfo.InvariantCulture));
            if (Momentum != 0.1) text.Append(", momentum=").Append(Momentum.ToString("R", CultureInfo.InvariantCulture));
            if (!Affine) text.Append(", affine=False");
            return text.Append(')').ToString();
        }
    }

    /// <summary>What the emitter writes: the spec and the eps the layer computes with.</summary>
    /// <param name="Epsilon">(float)eps: ATen adds <c>static_cast&lt;float&gt;(eps)</c> to the running variance.</param>
    internal sealed record BatchNormPlan(BatchNormSpec Spec, float Epsilon);
}
