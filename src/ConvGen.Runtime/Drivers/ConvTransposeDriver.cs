using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a transposed convolution (<c>torch.nn.ConvTransposeNd</c>) as a matrix product and a scatter: the generated
    /// grid kernel computes, for every input pixel, the (out/groups)·taps products of its channels with the weight (a 1×1
    /// convolution into "columns", <see cref="ConvParameters.Columns"/>), and <see cref="Scatter"/> adds each column at
    /// the output pixel its tap lands on, output = bias + Σ, then applies the activation. No multiply is spent on the zeros
    /// that the equivalent stride-1 convolution over a zero-upsampled input would read.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ConvTransposeDriver
    {
        /// <summary>
        /// Checks <paramref name="weight"/> <c>(in, out/groups, *kernel_size)</c>, as PyTorch stores it, and packs it for the
        /// columns kernel: column (g, oc, tap) of input channel ic is weight[g·in/groups + ic, oc, tap].
        /// </summary>
        public static float[] PackWeights(ConvParameters parameters, ReadOnlySpan<float> weight, int tileChannels)
        {
            var p = parameters.Dims;
            if (weight.Length != parameters.WeightLength)
            {
                throw new ArgumentException(
                    $"weight has {weight.Length} elements but shape (in={p.InChannels}, out/groups={p.OutChannelsPerGroup}, " +
                    $"{string.Join(", ", parameters.KernelSize)}) needs {parameters.WeightLength}.", nameof(weight));
            }

            int taps = p.Taps, inG = p.InChannelsPerGroup, outG = p.OutChannelsPerGroup;
            var columns = new float[weight.Length]; // (groups·outG·taps, inG): the 1×1 convolution's (out, in/groups) weight
            for (int g = 0; g < p.Groups; g++)
            for (int ic = 0; ic < inG; ic++)
            for (int oc = 0; oc < outG; oc++)
            for (int t = 0; t < taps; t++)
                columns[((g * outG + oc) * taps + t) * inG + ic] = weight[((g * inG + ic) * outG + oc) * taps + t];
            return ConvDriver.PackWeights(parameters.Columns!, columns, tileChannels);
        }

        /// <summary>
        /// <paramref name="batch"/> images <c>(in, depth, height, width)</c> → <c>(out, outDepth, outHeight, outWidth)</c>
        /// with the columns kernel <typeparamref name="TKernel"/>, on up to <paramref name="threads"/> threads (the product
        /// split as any 1×1 convolution's, the scatter by output channels). Allocates nothing once each thread's buffers are sized.
        /// </summary>
        public static unsafe void Forward<TKernel>(ConvParameters parameters, float[] packedWeights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int depth, int height, int width, int threads)
            where TKernel : struct, IGridKernel
        {
            var p = parameters.Dims;
            var c = parameters.Columns!.Dims;
            if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must not be negative.");
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
            var g = ConvGeometry.Create(c, depth, height, width, TKernel.TileChannels, TKernel.TilePixels, TKernel.TailPixels);
            long outD = p.D.TransposedOutput(depth), outH = p.H.TransposedOutput(height), outW = p.W.TransposedOutput(width);
            if (outD <= 0 || outH <= 0 || outW <= 0)
                throw new ArgumentException($"An input of {p.Size(depth, height, width)} gives an empty output {p.Size(outD, outH, outW)}.");
            long inImage = (long)p.InChannels * g.InputPlane, outImage = p.OutChannels * outD * outH * outW;
            long columns = (long)c.OutChannels * g.InputPlane;
            if (columns > Array.MaxLength)
                throw new ArgumentException($"An input of {p.Size(depth, height, width)} is too large for this layer.");
            ConvDriver.CheckSpans(p, input, output, batch, (depth, height, width), (outD, outH, outW));
            if (batch == 0) return;

            threads = WorkSplit.Useful(threads, c, batch, g);
            var buffer = ThreadBuffers.Columns((int)columns).AsSpan(0, (int)columns);
            fixed (float* x = input, y = output, col = buffer, b = bias)
            {
                var job = new ScatterJob
                {
                    Dims = p, Geometry = g, Columns = col, Bias = b, Activation = parameters.Activation, Slope = parameters.NegativeSlope,
                    OutDepth = (int)outD, OutHeight = (int)outH, OutWidth = (int)outW,
                };
                for (int n = 0; n < batch; n++)
                {
                    ConvDriver.Run<TKernel>(c, packedWeights, null, new ReadOnlySpan<float>(x + n * inImage, (int)inImage), buffer, 1, g, threads);
                    job.Output = y + n * outImage;
                    WorkerPool.For(threads, p.OutChannels, &Scatter, &job);
                }
            }
        }

        /// <summary>What every output channel's scatter shares.</summary>
        private unsafe struct ScatterJob
        {
            public ConvDims Dims;
            public ConvGeometry Geometry;
            public float* Columns, Bias, Output;
            public Activation Activation;
            public float Slope;
            public int OutDepth, OutHeight, OutWidth;
        }

        /// <summary>
        /// Output channel <paramref name="oc"/>: bias, then every tap's column added where the tap lands — input pixel i
        /// of an axis reaches output i·stride + k·dilation − padding — then the activation.
        /// </summary>
        private static unsafe void Scatter(void* state, int oc)
        {
            ref ScatterJob job = ref *(ScatterJob*)state;
            ref readonly ConvDims p = ref job.Dims;
            ref readonly ConvGeometry g = ref job.Geometry;
            int outG = p.OutChannelsPerGroup, taps = p.Taps, plane = job.OutDepth * job.OutHeight * job.OutWidth;
            var output = new Span<float>(job.Output + (nint)oc * plane, plane);
            output.Fill(job.Bias is null ? 0f : job.Bias[oc]);
            int first = (oc / outG * outG + oc % outG) * taps; // column (group, oc in group, tap 0)
            for (int t = 0; t < taps; t++)
            {
                int kd = t / (p.H.Kernel * p.W.Kernel), kh = t / p.W.Kernel % p.H.Kernel, kw = t % p.W.Kernel;
                float* column = job.Columns + (nint)(first + t) * g.InputPlane;
                var (d0, d1) = Range(p.D, kd, g.Depth, job.OutDepth);
                var (h0, h1) = Range(p.H, kh, g.Height, job.OutHeight);
                var (w0, w1) = Range(p.W, kw, g.Width, job.OutWidth);
                if (w0 >= w1) continue;
                int ow0 = w0 * p.W.Stride + kw * p.W.Dilation - p.W.PadBefore;
                for (int id = d0; id < d1; id++)
                {
                    int od = id * p.D.Stride + kd * p.D.Dilation - p.D.PadBefore;
                    for (int ih = h0; ih < h1; ih++)
                    {
                        int oh = ih * p.H.Stride + kh * p.H.Dilation - p.H.PadBefore;
                        ref float source = ref column[((nint)id * g.Height + ih) * g.Width + w0];
                        ref float target = ref output[((od * job.OutHeight) + oh) * job.OutWidth + ow0];
                        if (p.W.Stride == 1)
                        {
                            Rows.Add(ref source, ref target, w1 - w0);
                            continue;
                        }

                        for (nint i = 0, o = 0; i < w1 - w0; i++, o += p.W.Stride) Unsafe.Add(ref target, o) += Unsafe.Add(ref source, i);
                    }
                }
            }

            ActivationPass.Apply(output, job.Activation, job.Slope);
        }

        /// <summary>The input indices [lo, hi) whose tap <paramref name="k"/> lands inside the output: 0 ≤ i·stride + k·dilation − padding &lt; outSize.</summary>
        private static (int Lo, int Hi) Range(in ConvAxis a, int k, int inSize, int outSize)
        {
            int shift = k * a.Dilation - a.PadBefore;
            int lo = shift >= 0 ? 0 : (-shift + a.Stride - 1) / a.Stride;
            int hi = outSize - 1 - shift < 0 ? 0 : Math.Min(inSize, (outSize - 1 - shift) / a.Stride + 1);
            return (lo, Math.Max(lo, hi));
        }
    }
}
