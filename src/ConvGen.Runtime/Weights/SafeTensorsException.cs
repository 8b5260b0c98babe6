using System;

namespace ConvGen
{
    /// <summary>
    /// A safetensors file that is malformed (a header length, JSON, dtype, shape or offset the format forbids) or that does
    /// not hold what the caller asked for (a tensor missing, of another shape, or of a type that is not floating point).
    /// Mistakes in the caller's own arguments (a destination of the wrong length) are <see cref="ArgumentException"/>s.
    /// </summary>
    /// <remarks>
    /// Derives from <see cref="FormatException"/> (the .NET exception for input in an invalid format;
    /// <c>System.IO.InvalidDataException</c> is sealed), so code that handles bad input in general catches it too.
    /// </remarks>
    public sealed class SafeTensorsException : FormatException
    {
        /// <summary>Creates the exception with a message naming what was expected and what was found.</summary>
        public SafeTensorsException(string message, string? tensorName = null, Exception? innerException = null)
            : base(message, innerException)
        {
            TensorName = tensorName;
        }

        /// <summary>The tensor the problem concerns, or null when it concerns the whole file (e.g. its header length).</summary>
        public string? TensorName { get; }
    }
}
