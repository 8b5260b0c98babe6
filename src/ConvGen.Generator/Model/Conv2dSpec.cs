namespace ConvGen.Generator.Model
{
    /// <summary>Mirror of <c>ConvGen.PaddingMode</c> (the generator does not reference the runtime).</summary>
    internal enum PaddingModeSpec
    {
        Zeros = 0,
        Reflect = 1,
        Replicate = 2,
        Circular = 3,
    }

    /// <summary>How <c>padding</c> was written: numbers, <c>"same"</c> or <c>"valid"</c>.</summary>
    internal enum PaddingKind
    {
        Explicit,
        Same,
        Valid,
    }

    /// <summary>A height/width pair; a single int in the attribute is a square pair.</summary>
    internal readonly record struct Pair(int Height, int Width)
    {
        public static Pair Square(int value) => new(value, value);

        public override string ToString() => Height == Width ? Height.ToString() : $"({Height}, {Width})";
    }

    /// <summary>The four padded sides after resolving <c>"same"</c>/<c>"valid"</c>.</summary>
    internal readonly record struct Sides(int Top, int Bottom, int Left, int Right);

    /// <summary>The class that receives the layer: its namespace, name and the chain of types it is nested in.</summary>
    /// <param name="Namespace">Null for the global namespace.</param>
    /// <param name="ContainingTypes">Declaration headers, outermost first, e.g. <c>partial class Outer&lt;T&gt;</c>.</param>
    internal sealed record LayerTarget(string? Namespace, string Name, EquatableArray<string> ContainingTypes)
    {
        /// <summary>Stable hint name: Namespace.Outer.Name.g.cs (generic arity as `n).</summary>
        public string HintName { get; init; } = Name + ".g.cs";

        /// <summary>Fully qualified display name, for messages.</summary>
        public string DisplayName { get; init; } = Name;
    }

    /// <summary>
    /// What the attribute says, as plain values: the input of validation, planning and emission. Holds no symbols,
    /// syntax or locations, so an edit elsewhere that leaves it equal re-emits nothing.
    /// </summary>
    internal sealed record Conv2dSpec(
        LayerTarget Target,
        int InChannels,
        int OutChannels,
        Pair Kernel,
        Pair Stride,
        PaddingKind PaddingKind,
        Pair Padding,
        Pair Dilation,
        int Groups,
        bool Bias,
        PaddingModeSpec PaddingMode,
        int InputHeight,
        int InputWidth)
    {
        public bool HasFixedInput => InputHeight > 0 && InputWidth > 0;

        /// <summary>Padding per side as PyTorch applies it (<c>"same"</c>: extra row/column at the bottom/right).</summary>
        public Sides ResolvePadding()
        {
            switch (PaddingKind)
            {
                case PaddingKind.Same:
                    var (top, bottom) = ConvShape.SamePadding(Kernel.Height, Dilation.Height);
                    var (left, right) = ConvShape.SamePadding(Kernel.Width, Dilation.Width);
                    return new Sides(top, bottom, left, right);
                case PaddingKind.Valid:
                    return new Sides(0, 0, 0, 0);
                default:
                    return new Sides(Padding.Height, Padding.Height, Padding.Width, Padding.Width);
            }
        }

        /// <summary>The <c>torch.nn.Conv2d</c> call this layer is equivalent to.</summary>
        public string ToPyTorch()
        {
            var text = new System.Text.StringBuilder();
            text.Append($"nn.Conv2d({InChannels}, {OutChannels}, {Kernel}");
            if (Stride != Pair.Square(1)) text.Append($", stride={Stride}");
            if (PaddingKind != PaddingKind.Explicit) text.Append($", padding='{PaddingKind.ToString().ToLowerInvariant()}'");
            else if (Padding != Pair.Square(0)) text.Append($", padding={Padding}");
            if (Dilation != Pair.Square(1)) text.Append($", dilation={Dilation}");
            if (Groups != 1) text.Append($", groups={Groups}");
            if (!Bias) text.Append(", bias=False");
            if (PaddingMode != PaddingModeSpec.Zeros) text.Append($", padding_mode='{PaddingMode.ToString().ToLowerInvariant()}'");
            return text.Append(')').ToString();
        }
    }

    /// <summary>Facts about the declaration that decide whether code can be generated for it.</summary>
    internal sealed record DeclarationInfo(
        string Name,
        bool IsPartial,
        bool IsStatic,
        bool IsGeneric,
        bool IsRecord,
        bool IsFileLocal,
        string? NonPartialContainingType,
        string? ConflictingMember);
}
