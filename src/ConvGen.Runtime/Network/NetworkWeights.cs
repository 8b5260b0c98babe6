using System;
using System.ComponentModel;

namespace ConvGen.Internal
{
    /// <summary>
    /// What a generated network's constructor and Forward call: reads its state_dict from a <see cref="SafeTensors"/> file
    /// under PyTorch's names and shapes, folds a BatchNorm2d into the convolution before it, and checks at the end that
    /// every tensor of the file was used.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class NetworkWeights
    {
        private readonly SafeTensors _file;
        private readonly string _network;

        /// <summary>Reads <paramref name="file"/> for the network named <paramref name="network"/> (for messages).</summary>
        public NetworkWeights(SafeTensors file, string network)
        {
            ArgumentNullException.ThrowIfNull(file);
            _file = file;
            _network = network;
        }

        /// <summary>Tensor <paramref name="name"/> as floats, after checking its shape is <paramref name="shape"/>.</summary>
        /// <exception cref="SafeTensorsException">Missing, of another shape, or not floating point (the message names it and both shapes).</exception>
        public float[] Read(string name, params int[] shape)
        {
            long count = 1;
            foreach (int d in shape) count *= d;
            var values = new float[count];
            _file.ReadFloats(name, shape, values);
            return values;
        }

        /// <summary>
        /// A BatchNorm2d's tensors: <c>{prefix}.weight</c> and <c>.bias</c> (ones and zeros without <paramref name="affine"/>),
        /// <c>.running_mean</c>, <c>.running_var</c>; <c>.num_batches_tracked</c>, which inference ignores, is marked used if present.
        /// </summary>
        public BatchNormTensors ReadBatchNorm(string prefix, int features, bool affine)
        {
            float[] weight, bias;
            if (affine)
            {
                weight = Read(prefix + ".weight", features);
                bias = Read(prefix + ".bias", features);
            }
            else
            {
                weight = new float[features];
                weight.AsSpan().Fill(1f);
                bias = new float[features];
            }

            var mean = Read(prefix + ".running_mean", features);
            var variance = Read(prefix + ".running_var", features);
            if (_file.TryGetInfo(prefix + ".num_batches_tracked", out _)) _file.MarkRead(prefix + ".num_batches_tracked");
            return new BatchNormTensors(weight, bias, mean, variance);
        }

        /// <summary>
        /// Folds the BatchNorm2d <paramref name="norm"/> (eval mode) into the convolution before it, as
        /// <c>torch.nn.utils.fusion.fuse_conv_bn_weights</c> does: with s = weight / √(running_var + eps), the convolution's
        /// output channel o gets weight·s[o] and bias (bias − running_mean)·s[o] + bn_bias (computed in double, rounded once).
        /// <paramref name="weight"/> (out, in/groups, kH, kW) is scaled in place; <paramref name="bias"/> is null when the
        /// convolution has none; <paramref name="norm"/> is the BatchNorm's state_dict name, <paramref name="channels"/> its
        /// num_features, <paramref name="eps"/> (float)eps, <paramref name="affine"/> whether it has a weight and bias.
        /// </summary>
        public (float[] Weight, float[] Bias) FoldBatchNorm(float[] weight, float[]? bias, string norm, int channels, float eps, bool affine)
        {
            var bn = ReadBatchNorm(norm, channels, affine);
            var folded = new float[channels];
            int perChannel = weight.Length / channels;
            for (int o = 0; o < channels; o++)
            {
                double scale = bn.Weight[o] / Math.Sqrt((double)bn.RunningVar[o] + eps);
                folded[o] = (float)(((bias?[o] ?? 0f) - (double)bn.RunningMean[o]) * scale + bn.Bias[o]);
                var row = weight.AsSpan(o * perChannel, perChannel);
                for (int i = 0; i < row.Length; i++) row[i] = (float)(row[i] * scale);
            }

            return (weight, folded);
        }

        /// <summary>Throws if the file has tensors the network did not read (a file for another model, or a layer missing).</summary>
        /// <exception cref="SafeTensorsException">The file has unused tensors (the message lists them).</exception>
        public void CheckAllRead()
        {
            var unread = _file.GetUnreadNames();
            if (unread.Count == 0) return;
            const int shown = 8;
            string names = string.Join(", ", System.Linq.Enumerable.Take(unread, shown));
            throw new SafeTensorsException(
                $"The file has {unread.Count} tensor{(unread.Count == 1 ? "" : "s")} that {_network} does not use: [{names}{(unread.Count > shown ? ", …" : "")}]; is it the state_dict of another model?",
                unread[0]);
        }

        /// <summary>The checks of a network's Forward: batch and threads, and spans of batch samples each.</summary>
        public static void CheckForward(int inputLength, int outputLength, int batch, int threads, int sampleIn, int sampleOut, string network)
        {
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            if (inputLength != (long)batch * sampleIn)
            {
                throw new ArgumentException(
                    $"{network}: input has {inputLength} elements but batch {batch} × {sampleIn} (InputLength) = {(long)batch * sampleIn} were expected.", "input");
            }

            if (outputLength != (long)batch * sampleOut)
            {
                throw new ArgumentException(
                    $"{network}: output has {outputLength} elements but batch {batch} × {sampleOut} (OutputLength) = {(long)batch * sampleOut} were expected.", "output");
            }
        }
    }

    /// <summary>A BatchNorm2d's four tensors as inference uses them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record BatchNormTensors(float[] Weight, float[] Bias, float[] RunningMean, float[] RunningVar);
}
