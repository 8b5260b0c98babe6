namespace ConvGen.Internal
{
    /// <summary>
    /// How the plane-by-plane layers (batch norm, padding) share a call between threads: whole (image, channel) planes,
    /// in contiguous runs, each computed exactly as on one thread, so the output does not depend on the thread count.
    /// </summary>
    internal static class PlaneWork
    {
        /// <summary>
        /// The threads worth using (<see cref="WorkSplit.Useful(int, long)"/>) and the runs of planes they share: one run on
        /// one thread, else four per thread (a core that something else slows down takes fewer), never more than the planes.
        /// </summary>
        public static (int Threads, int Parts) Split(int threads, int planes, long elements)
        {
            int useful = WorkSplit.Useful(threads, elements);
            return useful <= 1 || planes <= 1 ? (1, 1) : (useful, System.Math.Min(planes, 4 * useful));
        }

        /// <summary>Planes [first, end) of run <paramref name="part"/> of <paramref name="parts"/>.</summary>
        public static (int First, int End) Range(int planes, int parts, int part) =>
            ((int)((long)planes * part / parts), (int)((long)planes * (part + 1) / parts));
    }
}
