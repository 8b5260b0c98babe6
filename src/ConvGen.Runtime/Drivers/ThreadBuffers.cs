using System;
using System.Buffers;

namespace ConvGen.Internal
{
    /// <summary>
    /// Each thread's scratch memory, grown to the largest layer it has run and then kept: unlike
    /// <see cref="ArrayPool{T}"/>, which may drop idle buffers after a gen-2 GC and allocate again, it never allocates once
    /// warm. Forward never re-enters itself, so one buffer of each kind per thread is enough.
    /// </summary>
    internal static class ThreadBuffers
    {
        [ThreadStatic] private static float[]? t_workspace;
        [ThreadStatic] private static float[]? t_zeros;
        [ThreadStatic] private static float[]? t_row;
        [ThreadStatic] private static float[]? t_tile;

        /// <summary>The padded input of one (image, group) unit.</summary>
        public static float[] Workspace(int length) => Grown(ref t_workspace, length);

        /// <summary>A row of zeros (never written), read for rows of padding.</summary>
        public static float[] Zeros(int length) => Grown(ref t_zeros, length);

        /// <summary>One padded row before it is split into more than two column phases.</summary>
        public static float[] Row(int length) => Grown(ref t_row, length);

        /// <summary>A kernel's output tile when its grid has extra columns or rows.</summary>
        public static float[] Tile(int length) => Grown(ref t_tile, length);

        /// <summary><paramref name="buffer"/>, replaced by a new array first if it is shorter than <paramref name="length"/>.</summary>
        private static float[] Grown(ref float[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length) buffer = new float[length];
            return buffer;
        }
    }
}
