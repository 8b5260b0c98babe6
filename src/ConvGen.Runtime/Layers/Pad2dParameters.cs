using System;
using System.Globalization;

namespace ConvGen
{
    /// <summary>
    /// The hyper-parameters of a generated padding layer (<c>[ZeroPad2d]</c>, <c>[ConstantPad2d]</c>, <c>[ReflectionPad2d]</c>,
    /// <c>[ReplicationPad2d]</c>): the padding per side in PyTorch's order (left, right, top, bottom), negative to crop, how
    /// the border is filled, and the fill value of the constant modes. <see cref="ToString"/> is the PyTorch call.
    /// </summary>
    public sealed class Pad2dParameters
    {
        /// <summary>Creates the parameters; <paramref name="mode"/> Zeros means a constant border of <paramref name="value"/>.</summary>
        public Pad2dParameters(string module, int left, int right, int top, int bottom, PaddingMode mode, float value)
        {
            if (mode == PaddingMode.Circular) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Circular padding has no 2-D padding module.");
            Module = module;
            Left = left;
            Right = right;
            Top = top;
            Bottom = bottom;
            Mode = mode;
            Value = value;
        }

        /// <summary>PyTorch's module: ZeroPad2d, ConstantPad2d, ReflectionPad2d or ReplicationPad2d.</summary>
        public string Module { get; }

        /// <summary>Columns added before each row (negative: removed).</summary>
        public int Left { get; }

        /// <summary>Columns added after each row (negative: removed).</summary>
        public int Right { get; }

        /// <summary>Rows added above each plane (negative: removed).</summary>
        public int Top { get; }

        /// <summary>Rows added below each plane (negative: removed).</summary>
        public int Bottom { get; }

        /// <summary>Zeros (a constant border of <see cref="Value"/>), Reflect or Replicate.</summary>
        public PaddingMode Mode { get; }

        /// <summary>The constant of ZeroPad2d (0) and ConstantPad2d; unused by the other modes.</summary>
        public float Value { get; }

        /// <summary>The output height for an input height (PyTorch's H + top + bottom; the layer checks it when it runs).</summary>
        public int OutputHeight(int height) => height + Top + Bottom;

        /// <summary>The output width for an input width (W + left + right).</summary>
        public int OutputWidth(int width) => width + Left + Right;

        /// <summary>The <c>torch.nn</c> call, e.g. <c>nn.ConstantPad2d((1, 2, 0, 0), 3.5)</c>.</summary>
        public override string ToString()
        {
            string padding = Left == Right && Right == Top && Top == Bottom ? $"{Left}" : $"({Left}, {Right}, {Top}, {Bottom})";
            return Module == "ConstantPad2d"
                ? $"nn.{Module}({padding}, {Value.ToString("R", CultureInfo.InvariantCulture)})"
                : $"nn.{Module}({padding})";
        }
    }
}
