using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal
{
    /// <summary>
    /// Runs a depthwise 2-D layer's plane kernel (<see cref="IDepthwisePlaneKernel"/>): each channel goes straight from the
    /// caller's input to the caller's output, with no copies; images narrower than the plane kernel takes go through
    /// <see cref="DepthwiseChannelBlocks"/> (channels in lanes). Up to <c>threads</c> threads share the image planes.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class DepthwisePlaneDriver
    {
        /// <summary>Convolves <paramref name="batch"/> images <c>(C, height, width)</c> (see <see cref="ConvDriver.Forward"/>).</summary>
        public static unsafe void Forward<TKernel>(ConvParameters parameters, float[] weights, float[]? bias,
            ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
            where TKernel : struct, IDepthwisePlaneKernel
        {
            var p = parameters.Dims;
            var g = ConvDriver.Check<TKernel>(p, input, output, batch, 1, height, width, threads);
            if (batch == 0) return;
            threads = WorkSplit.UsefulDepthwise(threads, p, batch, height * width, g.OutputPlane);
            fixed (float* x = input, y = output, w = weights, b = bias)
            {
                if (g.OutputWidth < TKernel.MinOutputWidth || g.OutputHeight < TKernel.MinOutputHeight || width < TKernel.MinInputWidth)
                {
                    if (weights.Length != p.OutChannels * p.Taps + DepthwiseChannelBlocks.PackedLength(p))
                        throw new InvalidOperationException("The weights were not packed by ConvDriver.PackWeights.");
                    DepthwiseChannelBlocks.Run(parameters, x, y, w, b, batch, height, width, g, threads);
                    return;
                }

                fixed (float* zeros = ThreadBuffers.Zeros(width))
                {
                    var job = new PlaneJob
                    {
                        Input = x, Output = y, Weights = w, Bias = b, Zeros = zeros, Channels = p.OutChannels,
                        Taps = p.Taps, Height = height, Width = width,
                        InPlane = height * width, OutPlane = g.OutputHeight * g.OutputWidth,
                        Planes = batch * p.OutChannels, Parts = WorkSplit.PlaneParts(batch * p.OutChannels, threads),
                    };
                    WorkerPool.For(threads, job.Parts, &RunPart<TKernel>, &job);
                }
            }
        }

        /// <summary>Part <paramref name="part"/> of a call: a run of consecutive planes n·channels + c.</summary>
        private static unsafe void RunPart<TKernel>(void* state, int part)
            where TKernel : struct, IDepthwisePlaneKernel
        {
            ref PlaneJob job = ref *(PlaneJob*)state;
            int end = (int)((long)(part + 1) * job.Planes / job.Parts);
            for (int plane = (int)((long)part * job.Planes / job.Parts); plane < end; plane++)
            {
                int c = plane % job.Channels;
                ref float b = ref job.Bias is null ? ref Unsafe.NullRef<float>() : ref job.Bias[c];
                TKernel.Plane(ref job.Input[(nint)plane * job.InPlane], ref *job.Zeros, ref job.Weights[c * job.Taps], ref b,
                    ref job.Output[(nint)plane * job.OutPlane], job.Height, job.Width);
            }
        }
    }
}
