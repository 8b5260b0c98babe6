using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>
    /// What a padding attribute says: the module, the padding per side in PyTorch's order (negative crops), the border's
    /// mode (Zeros = a constant) and the constant as written. Plain values only.
    /// </summary>
    /// <param name="Module">ZeroPad2d, ConstantPad2d, ReflectionPad2d or ReplicationPad2d.</param>
    /// <param name="Value">ConstantPad2d's <c>value</c> as written (a double; the layer fills with it rounded to float32).</param>
    internal sealed record PadSpec(LayerTarget Target, string Module, int Left, int Right, int Top, int Bottom, PaddingMode Mode, double Value)
    {
        public bool Uniform => Left == Right && Right == Top && Top == Bottom;

        /// <summary>The <c>torch.nn</c> call, e.g. <c>nn.ZeroPad2d((0, 1, 0, 1))</c>.</summary>
        public string ToPyTorch()
        {
            string padding = Uniform ? $"{Left}" : $"({Left}, {Right}, {Top}, {Bottom})";
            return Module == "ConstantPad2d" ? $"nn.{Module}({padding}, {LayerFile.PythonFloat(Value)})" : $"nn.{Module}({padding})";
        }
    }
}
