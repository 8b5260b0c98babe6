using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Generator.Layers.Conv
{
    /// <summary>
    /// The names of the members a convolution layer generates: the emitter writes them from here, and the parser checks
    /// the user's class against <see cref="All"/> (CONV307), so the two can't drift apart.
    /// </summary>
    internal static class ConvMembers
    {
        public const string InChannels = nameof(InChannels);
        public const string OutChannels = nameof(OutChannels);
        public const string Groups = nameof(Groups);
        public const string HasBias = nameof(HasBias);
        public const string PaddingMode = nameof(PaddingMode);
        public const string Activation = nameof(Activation);
        public const string Algorithm = nameof(Algorithm);
        public const string WeightLength = nameof(WeightLength);
        public const string BiasLength = nameof(BiasLength);
        public const string InputLength = nameof(InputLength);
        public const string OutputLength = nameof(OutputLength);
        public const string Parameters = nameof(Parameters);
        public const string TileChannels = nameof(TileChannels);
        public const string ParametersField = "s_convParameters";
        public const string WeightsField = "_convWeights";
        public const string BiasField = "_convBias";

        /// <summary>The axes' names in member names: (Length), (Height, Width), (Depth, Height, Width).</summary>
        public static string Axis(int rank, int axis) => rank switch
        {
            1 => "Length",
            2 => axis == 0 ? "Height" : "Width",
            _ => axis == 0 ? "Depth" : axis == 1 ? "Height" : "Width",
        };

        /// <summary>PyTorch's name of an axis in shapes: L, H, W, D.</summary>
        public static string Letter(int rank, int axis) => rank == 1 ? "L" : Axis(rank, axis).Substring(0, 1);

        /// <summary><c>kernel_size[axis]</c>: KernelHeight, …; a 1-D layer's is KernelSize.</summary>
        public static string Kernel(int rank, int axis) => rank == 1 ? "KernelSize" : "Kernel" + Axis(rank, axis);

        public static string Stride(int rank, int axis) => rank == 1 ? "Stride" : "Stride" + Axis(rank, axis);

        public static string Dilation(int rank, int axis) => rank == 1 ? "Dilation" : "Dilation" + Axis(rank, axis);

        /// <summary>The padding before and after the input on an axis: PaddingTop/Bottom, PaddingLeft/Right, PaddingFront/Back.</summary>
        public static (string Before, string After) Padding(int rank, int axis) => Axis(rank, axis) switch
        {
            "Depth" => ("PaddingFront", "PaddingBack"),
            "Height" => ("PaddingTop", "PaddingBottom"),
            _ => ("PaddingLeft", "PaddingRight"),
        };

        /// <summary>A transposed convolution's <c>output_padding[axis]</c>: OutputPaddingHeight, …; a 1-D layer's is OutputPadding.</summary>
        public static string OutputPadding(int rank, int axis) => rank == 1 ? "OutputPadding" : "OutputPadding" + Axis(rank, axis);

        /// <summary>The fixed input size of an axis (InputHeight, …), also the attribute's named argument.</summary>
        public static string Input(int rank, int axis) => "Input" + Axis(rank, axis);

        public static string Output(int rank, int axis) => "Output" + Axis(rank, axis);

        public static string GetOutput(int rank, int axis) => "GetOutput" + Axis(rank, axis);

        /// <summary>Every name a layer of this rank may generate, whatever its arguments.</summary>
        public static IReadOnlyCollection<string> All(int rank)
        {
            var names = new HashSet<string>
            {
                InChannels, OutChannels, Groups, HasBias, PaddingMode, Activation, Algorithm, WeightLength, BiasLength, InputLength,
                OutputLength, Parameters, TileChannels, ParametersField, WeightsField, BiasField,
            };
            foreach (int axis in Enumerable.Range(0, rank))
            {
                names.Add(Kernel(rank, axis));
                names.Add(Stride(rank, axis));
                names.Add(Dilation(rank, axis));
                names.Add(Padding(rank, axis).Before);
                names.Add(Padding(rank, axis).After);
                names.Add(OutputPadding(rank, axis));
                names.Add(Input(rank, axis));
                names.Add(Output(rank, axis));
                names.Add(GetOutput(rank, axis));
            }

            return names;
        }
    }
}
