using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.BatchNorm2d</c> layer in inference mode (<c>model.eval()</c>) on the <c>partial class</c> it
    /// decorates: a constructor taking the PyTorch parameters <c>weight</c>, <c>bias</c>, <c>running_mean</c> and
    /// <c>running_var</c> (each <c>(numFeatures)</c>), and <c>Forward</c> for NCHW float32 input. It computes what ATen's
    /// CPU batch norm computes: per channel α = weight / √(running_var + eps), β = bias − running_mean·α, output = x·α + β.
    /// </summary>
    /// <example><code>
    /// [BatchNorm2d(64)]                    // nn.BatchNorm2d(64)
    /// public partial class Bn1;
    /// [BatchNorm2d(64, Eps = 1e-3)]        // nn.BatchNorm2d(64, eps=1e-3)
    /// public partial class Bn2;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BatchNorm2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.BatchNorm2d(numFeatures)</c>: <paramref name="numFeatures"/> is the channel count C of the input.</summary>
        public BatchNorm2dAttribute(int numFeatures) => NumFeatures = numFeatures;

        /// <summary><c>num_features</c>.</summary>
        public int NumFeatures { get; }

        /// <summary><c>eps</c>, added to the running variance. Default 1e-5. Like PyTorch, the layer rounds it to float32.</summary>
        public double Eps { get; set; } = 1e-5;

        /// <summary>
        /// <c>momentum</c>: only updates the running statistics while training, so it has no effect at inference; accepted
        /// (and ignored) so that a model definition can be copied unchanged. Default 0.1.
        /// </summary>
        public double Momentum { get; set; } = 0.1;

        /// <summary>
        /// <c>affine</c>. Default true; when false the layer has no weight and bias (α = 1/√(var + eps), β = −mean·α) and the
        /// constructor takes only <c>(runningMean, runningVar)</c>.
        /// </summary>
        public bool Affine { get; set; } = true;

        /// <summary>
        /// <c>track_running_stats</c>. Must stay true (the default): with false PyTorch normalises every batch with its own
        /// statistics even in <c>eval()</c>, which is not an inference layer with fixed parameters (diagnostic CONV602).
        /// </summary>
        public bool TrackRunningStats { get; set; } = true;
    }
}
