using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal
{
    /// <summary>
    /// <c>torch.nn.BatchNorm2d</c> at inference, as ATen's CPU kernel computes it (<c>batch_norm_cpu_collect_linear_and_constant_terms</c>
    /// and <c>batch_norm_cpu_contiguous_impl</c>): per channel, in float32, α = (1 / √(running_var + (float)eps))·weight and
    /// β = bias − running_mean·α, then every element x·α + β, a multiply and an add (no fused multiply-add), so the output
    /// is PyTorch's bit for bit when its kernel also rounds twice.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BatchNormDriver
    {
        /// <summary>
        /// Checks the four parameter spans (<paramref name="weight"/> and <paramref name="bias"/> are ignored when
        /// <paramref name="affine"/> is false) and returns the per-channel scale α followed by the shift β: one array of
        /// 2·<paramref name="features"/> floats.
        /// </summary>
        public static float[] Fold(int features, float eps, bool affine, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
            ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar)
        {
            if (affine)
            {
                Length(weight, "weight", features);
                Length(bias, "bias", features);
            }

            Length(runningMean, "runningMean", features);
            Length(runningVar, "runningVar", features);
            var folded = new float[2 * features];
            for (int c = 0; c < features; c++)
            {
                float variance = runningVar[c];
                if (!(variance >= 0f))
                {
                    throw new ArgumentException(
                        $"runningVar[{c}] is {variance.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, but a variance must be a non-negative number.",
                        nameof(runningVar));
                }

                float invStd = 1f / MathF.Sqrt(variance + eps);
                float alpha = invStd * (affine ? weight[c] : 1f);
                folded[c] = alpha;
                folded[features + c] = (affine ? bias[c] : 0f) - runningMean[c] * alpha;
            }

            return folded;
        }

        /// <summary>
        /// Folds the layer into the convolution before it: <paramref name="convWeight"/> <c>(features, …)</c> row by row
        /// times α (one rounding each: fl(w·α)), and <paramref name="convBias"/> <c>(features)</c> becomes b·α + β computed in
        /// double (b·α is exact there) and rounded once more to float. The folded convolution equals convolution then batch
        /// norm up to the rounding of the products w·α and of the sum: within a few ulp of their magnitude, not bit for bit.
        /// </summary>
        public static void FoldInto(ReadOnlySpan<float> folded, Span<float> convWeight, Span<float> convBias)
        {
            int features = folded.Length / 2;
            if (convBias.Length != features)
                throw new ArgumentException($"convBias has {convBias.Length} elements but the batch norm has {features} features.", nameof(convBias));
            if (convWeight.Length == 0 || convWeight.Length % features != 0)
            {
                throw new ArgumentException(
                    $"convWeight has {convWeight.Length} elements, which is not (features={features}) × a positive filter size.", nameof(convWeight));
            }

            int filter = convWeight.Length / features;
            for (int c = 0; c < features; c++)
            {
                float alpha = folded[c];
                Span<float> row = convWeight.Slice(c * filter, filter);
                for (int k = 0; k < row.Length; k++) row[k] *= alpha;
                convBias[c] = (float)((double)convBias[c] * alpha + folded[features + c]);
            }
        }

        /// <summary>Checks the arguments and normalises <paramref name="batch"/> images (features, height, width).</summary>
        public static unsafe void Forward(float[] folded, ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads)
        {
            int channels = folded.Length / 2;
            PlaneChecks.Sizes(batch, channels, height, width, threads);
            PlaneChecks.Span(input.Length, "input", batch, channels, height, width);
            PlaneChecks.Span(output.Length, "output", batch, channels, height, width);
            PlaneChecks.SameOrDisjoint(input, output, sameAllowed: true);
            if (batch == 0) return;

            fixed (float* x = input, y = output, f = folded)
            {
                var job = new Job { Input = x, Output = y, Folded = f, Channels = channels, Plane = height * width, Planes = batch * channels };
                (int useful, job.Parts) = PlaneWork.Split(threads, job.Planes, (long)job.Planes * job.Plane);
                WorkerPool.For(useful, job.Parts, &Run, &job);
            }
        }

        private unsafe struct Job
        {
            public float* Input, Output, Folded;
            public int Channels, Plane, Planes, Parts;
        }

        private static unsafe void Run(void* state, int part)
        {
            ref Job job = ref Unsafe.AsRef<Job>(state);
            var (first, end) = PlaneWork.Range(job.Planes, job.Parts, part);
            for (int p = first; p < end; p++)
            {
                int c = p % job.Channels;
                nint offset = (nint)p * job.Plane;
                Plane(ref Unsafe.AsRef<float>(job.Input + offset), ref Unsafe.AsRef<float>(job.Output + offset), job.Plane,
                    job.Folded[c], job.Folded[job.Channels + c]);
            }
        }

        /// <summary>y[i] = x[i]·α + β for one plane, widest vector first; the tail runs the same two roundings in scalar code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Plane(ref float x, ref float y, nint n, float alpha, float beta)
        {
            nint i = 0;
            if (Vector512.IsHardwareAccelerated && n >= 16)
            {
                Vector512<float> a = Vector512.Create(alpha), b = Vector512.Create(beta);
                for (; i <= n - 16; i += 16) (Vector512.LoadUnsafe(ref x, (nuint)i) * a + b).StoreUnsafe(ref y, (nuint)i);
            }
            else if (Vector256.IsHardwareAccelerated && n >= 8)
            {
                Vector256<float> a = Vector256.Create(alpha), b = Vector256.Create(beta);
                for (; i <= n - 8; i += 8) (Vector256.LoadUnsafe(ref x, (nuint)i) * a + b).StoreUnsafe(ref y, (nuint)i);
            }
            else if (Vector128.IsHardwareAccelerated && n >= 4)
            {
                Vector128<float> a = Vector128.Create(alpha), b = Vector128.Create(beta);
                for (; i <= n - 4; i += 4) (Vector128.LoadUnsafe(ref x, (nuint)i) * a + b).StoreUnsafe(ref y, (nuint)i);
            }

            for (; i < n; i++) Unsafe.Add(ref y, i) = Unsafe.Add(ref x, i) * alpha + beta;
        }

        private static void Length(ReadOnlySpan<float> span, string name, int features)
        {
            if (span.Length != features)
                throw new ArgumentException($"{name} has {span.Length} elements but shape (num_features={features}) needs {features}.", name);
        }
    }
}
