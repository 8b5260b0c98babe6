using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Common
{
    /// <summary>The networks' diagnostics: CONV7xx.</summary>
    internal static partial class DiagnosticDescriptors
    {
        public static readonly DiagnosticDescriptor NetworkWithoutLayers = Error("CONV701",
            "Network without layers",
            "'{0}' is a [Sequential] network without layers; stack layer attributes on it in order, e.g. [Conv2d(3, 16, 3)] [ReLU]");

        public static readonly DiagnosticDescriptor NetworkInput = Error("CONV702",
            "Network input size missing",
            "[Sequential] needs the input of one sample: InChannels, InputHeight and InputWidth, or InFeatures, all positive; got {0}");

        public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error("CONV703",
            "Network layers on more than one partial declaration",
            "'{0}' has layer attributes on more than one partial declaration; their order would be undefined, so put them all on one");

        public static readonly DiagnosticDescriptor ChannelMismatch = Error("CONV704",
            "Channels do not chain",
            "{0} expects {1} input channels but {2} gives {3}");

        public static readonly DiagnosticDescriptor FeatureMismatch = Error("CONV705",
            "Features do not chain",
            "{0} expects {1} features but {2} gives {3}");

        public static readonly DiagnosticDescriptor LayerEmptiesInput = Error("CONV706",
            "Layer leaves nothing of its input",
            "{0} on {1} from {2} gives an output of {3}: {4}");

        public static readonly DiagnosticDescriptor WrongInputRank = Error("CONV707",
            "Layer needs an image, or features",
            "{0} needs {1} but {2} gives {3}{4}");

        public static readonly DiagnosticDescriptor NotInNetwork = Error("CONV708",
            "Layer not supported in a network",
            "{0} can't be a layer of a [Sequential] network: {1}");

        public static readonly DiagnosticDescriptor DuplicateLayerName = Error("CONV709",
            "Two layers with one name",
            "Two layers of '{0}' are named '{1}'; their state_dict tensors would collide");

        public static readonly DiagnosticDescriptor NotABlock = Error("CONV710",
            "Not a block",
            "'{0}' is not a block; mark its class [SequentialBlock], [Residual], [SqueezeExcitation] or [Concat] to use it with [Block] or as a shortcut or branch");

        public static readonly DiagnosticDescriptor BlockCycle = Error("CONV711",
            "Block contains itself",
            "Block '{0}' contains itself ({1}); a network's layers can't be infinite");

        public static readonly DiagnosticDescriptor BlockShapes = Error("CONV712",
            "Block branches don't fit together",
            "Here {0}");

        public static readonly DiagnosticDescriptor BlockDefinition = Error("CONV713",
            "Malformed block",
            "Block '{0}': {1}");

        public static readonly DiagnosticDescriptor BlockOutsideNetwork = Error("CONV714",
            "Block used outside a network",
            "[Block] makes '{0}' a layer of a network, but '{1}' is neither a [Sequential] network nor a block; add [Sequential(...)] with the input size, or a block attribute such as [SequentialBlock]");
    }
}
