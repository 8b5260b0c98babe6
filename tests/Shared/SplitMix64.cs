namespace ConvGen.Golden
{
    /// <summary>
    /// SplitMix64, the generator of all golden data: compiled into tools/ConvGen.Oracle, which writes the golden files,
    /// and into tests/ConvGen.Conformance.Tests, which regenerates their inputs from the stored seed.
    /// </summary>
    internal static class SplitMix64
    {
        private const ulong Golden = 0x9E3779B97F4A7C15UL;

        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary><paramref name="count"/> floats uniform in [-1, 1) (24 random bits each, exact in float).</summary>
        public static float[] Uniform(int count, ulong seed)
        {
            var result = new float[count];
            ulong state = seed;
            for (int i = 0; i < result.Length; i++)
            {
                state += Golden;
                result[i] = 2f * ((Mix(state) >> 40) * (1.0f / (1 << 24))) - 1f;
            }

            return result;
        }

        /// <summary>
        /// The sign s(i) of position i of an output plane in the signed plane checksum: +1 when the top bit of
        /// mix(i + 0x9E3779B97F4A7C15) is 0, else −1 (so a permutation inside a plane changes the checksum).
        /// </summary>
        public static double Sign(int i) => (Mix((ulong)i + Golden) >> 63) == 0 ? 1.0 : -1.0;
    }
}
