using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// 1×1 convolutions of a single pixel (squeeze-and-excitation's two layers after global pooling, a classifier written
    /// as a 1×1 convolution): a matrix–vector product per image, straight over the grid kernel's packed weights
    /// <c>[tile][in][channel in tile]</c>, the tile's channels in the lanes. The grid kernel would put the one pixel in
    /// one lane of each vector and pad it for its steps (0.26× ONNX Runtime on EfficientNet-B0's 48 → 1152).
    /// </summary>
    internal static unsafe class PixelDriver
    {
        /// <summary>A layer and call this path serves: a 1×1 kernel, no padding, one input and one output pixel.</summary>
        public static bool Serves(in ConvDims p, in ConvGeometry g) =>
            !p.Transposed && p.Taps == 1 && p.IsUnpadded && g.InputPlane == 1 && g.OutputPlane == 1;

        /// <summary>
        /// y[n, oc] = bias[oc] + Σ weight[oc, ic] · x[n, ic] over each group's channels, then the activation. Every output
        /// is summed in the order of its input channels, on one thread (the product is a few microseconds).
        /// </summary>
        public static void Run(ConvParameters parameters, float* weights, float* bias, float* x, float* y, int batch, int tileChannels)
        {
            var p = parameters.Dims;
            int cinG = p.InChannelsPerGroup, coutG = p.OutChannelsPerGroup;
            for (int n = 0; n < batch; n++)
            {
                for (int group = 0; group < p.Groups; group++)
                {
                    float* input = x + (long)n * p.InChannels + group * cinG;
                    for (int t0 = 0; t0 < coutG; t0 += tileChannels)
                    {
                        int oc0 = group * coutG + t0, count = Math.Min(tileChannels, coutG - t0);
                        float* tile = weights + (long)oc0 * cinG, output = y + (long)n * p.OutChannels + oc0;
                        // Four whole tiles at a time: four chains of multiply-adds in flight instead of one.
                        bool four = t0 + 4 * tileChannels <= coutG;
                        if (four && tileChannels == 8 && Vector256.IsHardwareAccelerated)
                        {
                            Tiles4<Vector256<float>, Ops256>(tile, bias, oc0, input, cinG, output);
                            t0 += 3 * tileChannels;
                        }
                        else if (four && tileChannels == 4 && Vector128.IsHardwareAccelerated)
                        {
                            Tiles4<Vector128<float>, Ops128>(tile, bias, oc0, input, cinG, output);
                            t0 += 3 * tileChannels;
                        }
                        else if (count == 8 && Vector256.IsHardwareAccelerated) Tile<Vector256<float>, Ops256>(tile, bias, oc0, input, cinG, output);
                        else if (count == 4 && Vector128.IsHardwareAccelerated) Tile<Vector128<float>, Ops128>(tile, bias, oc0, input, cinG, output);
                        else
                        {
                            for (int m = 0; m < count; m++)
                            {
                                float sum = bias == null ? 0 : bias[oc0 + m];
                                for (int ic = 0; ic < cinG; ic++) sum = MathF.FusedMultiplyAdd(tile[ic * count + m], input[ic], sum);
                                output[m] = sum;
                            }
                        }
                    }
                }

                ActivationPass.Apply(new Span<float>(y + (long)n * p.OutChannels, p.OutChannels), parameters.Activation, parameters.NegativeSlope);
            }
        }

        /// <summary>Four whole tiles (Lanes channels each, their weights Lanes·channels apart).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tiles4<TV, W>(float* tile, float* bias, int oc0, float* input, int channels, float* output)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            nint lanes = W.Lanes, next = lanes * channels;
            ref float w = ref Unsafe.AsRef<float>(tile);
            ref float b = ref Unsafe.AsRef<float>(bias + oc0);
            TV zero = W.Splat(0);
            TV acc0 = bias == null ? zero : W.Load(ref b, 0), acc1 = bias == null ? zero : W.Load(ref b, lanes);
            TV acc2 = bias == null ? zero : W.Load(ref b, 2 * lanes), acc3 = bias == null ? zero : W.Load(ref b, 3 * lanes);
            for (int ic = 0; ic < channels; ic++)
            {
                TV xi = W.Splat(input[ic]);
                nint at = ic * lanes;
                acc0 = W.MultiplyAdd(W.Load(ref w, at), xi, acc0);
                acc1 = W.MultiplyAdd(W.Load(ref w, at + next), xi, acc1);
                acc2 = W.MultiplyAdd(W.Load(ref w, at + 2 * next), xi, acc2);
                acc3 = W.MultiplyAdd(W.Load(ref w, at + 3 * next), xi, acc3);
            }

            ref float y = ref Unsafe.AsRef<float>(output);
            W.Store(acc0, ref y, 0);
            W.Store(acc1, ref y, lanes);
            W.Store(acc2, ref y, 2 * lanes);
            W.Store(acc3, ref y, 3 * lanes);
        }

        /// <summary>One whole tile: its channels' sums in one vector, one multiply-add per input channel.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile<TV, W>(float* tile, float* bias, int oc0, float* input, int channels, float* output)
            where TV : struct where W : struct, IVectorOps<TV>
        {
            nint lanes = W.Lanes;
            ref float w = ref Unsafe.AsRef<float>(tile);
            TV acc = bias == null ? W.Splat(0) : W.Load(ref Unsafe.AsRef<float>(bias + oc0), 0);
            for (int ic = 0; ic < channels; ic++) acc = W.MultiplyAdd(W.Load(ref w, ic * lanes), W.Splat(input[ic]), acc);
            W.Store(acc, ref Unsafe.AsRef<float>(output), 0);
        }
    }
}
