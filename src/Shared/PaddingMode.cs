// Linked into the runtime (public API) and the generator (internal there; it reads the attribute's value): one list of padding modes.
namespace ConvGen
{
    /// <summary>How the border is filled, as <c>padding_mode</c> of <c>torch.nn.Conv2d</c>.</summary>
#if CONVGEN_GENERATOR
    internal enum PaddingMode
#else
    public enum PaddingMode
#endif
    {
        /// <summary><c>padding_mode="zeros"</c>: the border is 0.</summary>
        Zeros = 0,
        /// <summary><c>padding_mode="reflect"</c>: mirrored without repeating the edge; padding must be smaller than the input.</summary>
        Reflect = 1,
        /// <summary><c>padding_mode="replicate"</c>: the edge value is repeated.</summary>
        Replicate = 2,
        /// <summary><c>padding_mode="circular"</c>: the input wraps around; padding must not exceed the input.</summary>
        Circular = 3,
    }
}
