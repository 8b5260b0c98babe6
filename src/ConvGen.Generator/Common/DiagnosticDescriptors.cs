using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>
    /// Every diagnostic ConvGen reports. IDs are stable; each has a help page docs/diagnostics/ID.md. Ranges:
    /// CONV0xx attribute form (every layer family), CONV1xx convolution hyper-parameters, CONV2xx fixed input size,
    /// CONV3xx declaration (every layer family), CONV4xx pooling, CONV5xx Linear and activation layers, CONV6xx
    /// normalisation, padding and reshaping layers, CONV9xx build. A family's own descriptors live beside it
    /// (<c>Layers/Family/FamilyDiagnostics.cs</c>) in this partial class.
    /// </summary>
    internal static partial class DiagnosticDescriptors
    {
        private const string Category = "ConvGen";
        private const string HelpRoot = "https://github.com/convgen/convgen/blob/main/docs/diagnostics/";

        public static readonly DiagnosticDescriptor WrongArgumentType = Error("CONV001",
            "Layer argument has the wrong form",
            "{0} must be {1}, but got {2}");

        public static readonly DiagnosticDescriptor UnknownPaddingString = Error("CONV002",
            "Unknown padding string",
            "Invalid padding string '{0}': padding must be an int, a pair, \"same\" or \"valid\"");

        public static readonly DiagnosticDescriptor UnknownPaddingMode = Error("CONV003",
            "Unknown padding mode",
            "padding_mode {0} is not one of PaddingMode.Zeros, Reflect, Replicate or Circular");

        public static readonly DiagnosticDescriptor DuplicateAttribute = Error("CONV004",
            "More than one layer attribute",
            "'{0}' has more than one layer attribute ([{1}] and [{2}]); a class is one layer, or a network when it also has [Sequential]");

        public static readonly DiagnosticDescriptor UnknownActivation = Error("CONV005",
            "Unknown activation",
            "Activation {0} is not one of the members of ConvGen.Activation");

        public static readonly DiagnosticDescriptor SlopeWithoutLeakyReLU = new(
            "CONV006",
            "NegativeSlope without LeakyReLU",
            "NegativeSlope only applies to Activation.LeakyReLU, but the activation is {0}",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: "NegativeSlope is the negative_slope of nn.LeakyReLU; with any other activation it has no effect.",
            helpLinkUri: HelpRoot + "CONV006.md");

        public static readonly DiagnosticDescriptor UnknownAlgorithm = Error("CONV007",
            "Unknown convolution algorithm",
            "Algorithm {0} is not one of the members of ConvGen.ConvAlgorithm");

        public static readonly DiagnosticDescriptor NotPositive = Error("CONV101",
            "Hyper-parameter must be positive",
            "{0} must be a positive integer, but got {1}");

        public static readonly DiagnosticDescriptor NegativePadding = Error("CONV102",
            "Padding must not be negative",
            "{0} must not be negative, but got {1}");

        public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error("CONV103",
            "Channels not divisible by groups",
            "{0} ({1}) must be divisible by groups ({2})");

        public static readonly DiagnosticDescriptor SameWithStride = Error("CONV104",
            "padding=\"same\" with stride above 1",
            "padding=\"same\" is not supported for strided convolutions (stride={0}); give the padding as numbers");

        public static readonly DiagnosticDescriptor AsymmetricSame = new(
            "CONV105",
            "padding=\"same\" pads unevenly",
            "padding=\"same\" with kernel {0} and dilation {1} pads ({2}): the extra element goes after the input (bottom/right), as in PyTorch",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: "PyTorch pads dilation·(kernel−1) in total and puts the odd element after the input. ConvGen does the same; the warning says so because weights trained with explicit symmetric padding would not match.",
            helpLinkUri: HelpRoot + "CONV105.md");

        public static readonly DiagnosticDescriptor LayerTooLarge = Error("CONV106",
            "Layer too large",
            "The weight would have {0} elements, more than a .NET array can hold");

        public static readonly DiagnosticDescriptor OutputPaddingTooLarge = Error("CONV107",
            "output_padding not smaller than stride or dilation",
            "output_padding ({0}) must be smaller than either stride ({1}) or dilation ({2})");

        public static readonly DiagnosticDescriptor TransposedPaddingMode = Error("CONV108",
            "Transposed convolution with a padding mode other than zeros",
            "Only PaddingMode.Zeros is supported for {0}, but got {1}");

        public static readonly DiagnosticDescriptor TransposedPaddingString = Error("CONV109",
            "Transposed convolution with string padding",
            "{0} takes padding as numbers, not \"{1}\"");

        public static readonly DiagnosticDescriptor WinogradUnsupported = Error("CONV110",
            "Winograd can't compute this layer",
            "ConvAlgorithm.Winograd computes Conv2d layers with a 3×3 kernel, stride 1, dilation 1, groups 1 and zero padding, but {0}; remove Algorithm to use the direct convolution");

        public static readonly DiagnosticDescriptor IncompleteInputSize = Error("CONV201",
            "Fixed input size incomplete or not positive",
            "{0} must be given together and be positive, but got {1}");

        public static readonly DiagnosticDescriptor KernelLargerThanInput = Error("CONV202",
            "Kernel larger than padded input",
            "The output is empty: the padded input is {0} but the dilated kernel is {1}; the kernel can't be larger than the padded input");

        public static readonly DiagnosticDescriptor ReflectPaddingTooLarge = Error("CONV203",
            "Reflect padding not smaller than the input",
            "reflect padding ({0}) must be smaller than the input {1} ({2})");

        public static readonly DiagnosticDescriptor CircularPaddingTooLarge = Error("CONV204",
            "Circular padding larger than the input",
            "circular padding ({0}) must not be larger than the input {1} ({2})");

        public static readonly DiagnosticDescriptor NotPartial = Error("CONV301",
            "Layer class must be partial",
            "'{0}' must be declared partial so that ConvGen can generate the layer");

        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("CONV302",
            "Containing type must be partial",
            "'{0}' is nested in '{1}', which must be declared partial so that ConvGen can generate the layer");

        public static readonly DiagnosticDescriptor GenericLayer = Error("CONV303",
            "Layer class must not be generic",
            "'{0}' must not be generic: a layer's shape is fixed at compile time");

        public static readonly DiagnosticDescriptor StaticLayer = Error("CONV304",
            "Layer class must not be static",
            "'{0}' must not be static: a layer is constructed with its weights");

        public static readonly DiagnosticDescriptor RecordLayer = Error("CONV305",
            "Layer must be a class, not a record",
            "'{0}' is a record; declare it as a partial class");

        public static readonly DiagnosticDescriptor FileLocalLayer = Error("CONV306",
            "Layer class must not be file-local",
            "'{0}' is file-local; ConvGen generates the layer in another file, so the class must not use the 'file' modifier");

        public static readonly DiagnosticDescriptor MemberConflict = Error("CONV307",
            "Layer class already declares a generated member",
            "'{0}' already declares '{1}', which ConvGen generates for the layer; rename or remove it");

        public static readonly DiagnosticDescriptor PrimaryConstructorLayer = Error("CONV308",
            "Layer class must not have a primary constructor",
            "'{0}' has a primary constructor; ConvGen generates the constructors that take the weights, and C# requires every other constructor to call the primary one, so remove the parameter list");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: title + ". See the help page for an example and the fix.",
                helpLinkUri: HelpRoot + id + ".md");
    }
}
