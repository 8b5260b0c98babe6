using System;
using System.Threading.Tasks;

namespace ConvGen.DigitsTrainer
{
    /// <summary>A rendered set: <see cref="Count"/> images of 784 bytes, row-major, and their digits.</summary>
    internal sealed class DigitSet
    {
        private DigitSet(ulong seed, byte[] pixels, byte[] labels, int[] fonts)
        {
            Seed = seed;
            Pixels = pixels;
            Labels = labels;
            Fonts = fonts;
        }

        public ulong Seed { get; }

        public byte[] Pixels { get; }

        public byte[] Labels { get; }

        /// <summary>Each image's font, an index into <see cref="DigitRenderer.Fonts"/>.</summary>
        public int[] Fonts { get; }

        public int Count => Labels.Length;

        public ReadOnlySpan<byte> Image(int i) => Pixels.AsSpan(i * DigitRenderer.Pixels, DigitRenderer.Pixels);

        /// <summary>Images 0 … <paramref name="count"/> − 1 of set <paramref name="seed"/>, rendered on
        /// <paramref name="threads"/> threads (one renderer each; the result does not depend on the thread count).</summary>
        public static DigitSet Render(System.Collections.Generic.IReadOnlyList<DigitFont> fonts, ulong seed, int count, int threads)
        {
            var pixels = new byte[count * DigitRenderer.Pixels];
            var labels = new byte[count];
            var fontOf = new int[count];
            int parts = Math.Max(1, threads);
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                using var renderer = new DigitRenderer(fonts);
                for (int i = part; i < count; i += parts)
                {
                    (int digit, int font) = renderer.Render(seed, i, pixels.AsSpan(i * DigitRenderer.Pixels, DigitRenderer.Pixels));
                    labels[i] = (byte)digit;
                    fontOf[i] = font;
                }
            });
            return new DigitSet(seed, pixels, labels, fontOf);
        }
    }
}
