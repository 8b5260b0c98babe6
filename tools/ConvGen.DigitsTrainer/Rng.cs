using System;

namespace ConvGen.DigitsTrainer
{
    /// <summary>
    /// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators"): the same numbers on every
    /// machine and .NET version, unlike anything <see cref="Random"/> does not promise. One stream per (seed, index), so
    /// image <c>i</c> of a set never depends on how many numbers image <c>i - 1</c> drew.
    /// </summary>
    internal sealed class Rng
    {
        private ulong _state;

        public Rng(ulong seed, ulong stream = 0)
        {
            _state = seed;
            _state = NextUInt64() ^ (stream * 0xD1B54A32D192ED03UL);
        }

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1), 53 bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
        public double Uniform(double low, double high) => low + (high - low) * NextDouble();

        /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
        public int NextInt(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

        public bool Chance(double probability) => NextDouble() < probability;

        /// <summary>Standard normal (Box–Muller, one value per call).</summary>
        public double Gaussian()
        {
            double u = 1.0 - NextDouble(); // (0, 1]
            double v = NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
        }

        /// <summary>A random permutation of 0 … <paramref name="count"/> − 1 (Fisher–Yates).</summary>
        public long[] Permutation(int count)
        {
            var p = new long[count];
            for (int i = 0; i < count; i++) p[i] = i;
            for (int i = count - 1; i > 0; i--)
            {
                int j = NextInt(i + 1);
                (p[i], p[j]) = (p[j], p[i]);
            }

            return p;
        }
    }
}
