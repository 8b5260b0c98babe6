using System;
using System.Globalization;
using System.Text;

namespace ConvGen.Internal
{
    /// <summary>Shapes in messages, written as PyTorch prints a size without its name: <c>[16, 6, 5, 5]</c>.</summary>
    internal static class ShapeText
    {
        public static string Format(ReadOnlySpan<long> shape)
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < shape.Length; i++) text.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
            return text.Append(']').ToString();
        }

        public static string Format(ReadOnlySpan<int> shape)
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < shape.Length; i++) text.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
            return text.Append(']').ToString();
        }

        /// <summary>A name from a file, quoted and cut to 64 characters so a hostile header cannot flood a message.</summary>
        public static string Quote(string name) => name.Length <= 64 ? $"\"{name}\"" : $"\"{name.Substring(0, 61)}...\"";
    }
}
