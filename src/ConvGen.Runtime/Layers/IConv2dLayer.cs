using System;

namespace ConvGen
{
    /// <summary>What every generated <c>[Conv2d]</c> layer offers, for code that handles layers of different shapes.</summary>
    public interface IConv2dLayer
    {
        /// <summary>The layer's hyper-parameters.</summary>
        Conv2dParameters Parameters { get; }

        /// <summary>
        /// Convolves a batch: <paramref name="input"/> is <c>(batch, in, height, width)</c>, <paramref name="output"/> is
        /// <c>(batch, out, outHeight, outWidth)</c>, both row-major float32. Throws <see cref="ArgumentException"/> naming
        /// the expected and actual shape when a length or size is wrong.
        /// </summary>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);

        /// <summary>
        /// <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, int, int)"/> on up to <paramref name="threads"/> threads
        /// (never more than the machine's processors): the calling thread and ConvGen's own worker threads, which are
        /// created the first time a call asks for them and then kept. The work is split by input channels for the padding,
        /// then by output-channel tiles and parts of the image (by groups when there are enough of them, by channels for
        /// depthwise layers); every output element is computed exactly as with one thread, so the output is the same, bit
        /// for bit, for every thread count. A call with less than about 2 MFLOP of work per extra thread stays on fewer
        /// threads (handing work to another core costs microseconds; a depthwise layer also counts 32 per element it
        /// reads or writes). Allocates nothing once the workers exist and each
        /// thread has sized its buffers for the layer. One multi-threaded call runs at a time:
        /// a call made while another thread's is running uses only its own thread. <paramref name="threads"/> = 1 is
        /// the single-threaded <c>Forward</c>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int threads);
    }
}
