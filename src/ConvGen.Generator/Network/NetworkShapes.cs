using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Common;
using ConvGen.Generator.Layers.Activations;
using ConvGen.Generator.Layers.Conv;
using ConvGen.Generator.Layers.LinearLayers;
using ConvGen.Generator.Layers.Norm;
using ConvGen.Generator.Layers.Pool;
using ConvGen.Generator.Layers.Shape;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// What each layer makes of the sample shape it is given, as PyTorch computes it, and every way the two can fail to
    /// chain (CONV704–CONV708, and the layers' own fixed-size checks CONV201–CONV204, CONV402): the network's validation.
    /// </summary>
    internal static class NetworkShapes
    {
        /// <summary>
        /// The layer's output for <paramref name="input"/> (given by <paramref name="from"/>, e.g. "layer 2 (MaxPool2d)", and
        /// written <paramref name="inputText"/> in messages, e.g. "16×5×5 = 400" after a Flatten),
        /// and its spec with the input size fixed where the family generates for one; a null output after reporting why.
        /// </summary>
        public static (object Spec, SampleShape? Output) Apply(object spec, string module, SampleShape input, string inputText, string from, ArgumentSites sites,
            List<DiagnosticInfo> found)
        {
            void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] args) =>
                found.Add(DiagnosticInfo.Create(descriptor, sites.Attribute, args));

            bool NeedsImage()
            {
                if (input.IsImage) return true;
                Report(DiagnosticDescriptors.WrongInputRank, module, "a (C, H, W) image", from, $"{input} features", "");
                return false;
            }

            bool Channels(int expected)
            {
                if (input.Channels == expected) return true;
                Report(DiagnosticDescriptors.ChannelMismatch, module, expected, from, $"{input.Channels} ({input})");
                return false;
            }

            SampleShape? Image(int channels, long height, long width, string why)
            {
                if (height > 0 && width > 0) return SampleShape.Image(channels, (int)height, (int)width);
                Report(DiagnosticDescriptors.LayerEmptiesInput, module, input, from, $"{channels}×{height}×{width}", why);
                return null;
            }

            switch (spec)
            {
                case ConvSpec conv when conv.Rank != 2:
                    Report(DiagnosticDescriptors.NotInNetwork, module, "networks take (C, H, W) images; Conv1d, Conv3d and their transposes are layers of their own for now");
                    return (spec, null);
                case ConvSpec conv when conv.Transposed:
                {
                    if (!NeedsImage() || !Channels(conv.InChannels)) return (spec, null);
                    var sides = conv.ResolvePadding();
                    long Out(int axis, int size) => ConvShape.TransposedOutputSize(size, sides[axis].Before, sides[axis].After, conv.Kernel[axis],
                        conv.Stride[axis], conv.Dilation[axis], conv.OutputPadding[axis]);
                    return (spec, Image(conv.OutChannels, Out(0, input.Height), Out(1, input.Width), "(H − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1 is not positive"));
                }

                case ConvSpec conv:
                {
                    if (!NeedsImage() || !Channels(conv.InChannels)) return (spec, null);
                    var sized = conv with { InputSize = new Axes(input.Height, input.Width) };
                    var problems = ConvValidator.ValidateInputSize(sized, sites);
                    found.AddRange(problems);
                    if (problems.Count > 0) return (sized, null);
                    var sides = sized.ResolvePadding();
                    long Out(int axis, int size) => ConvShape.OutputSize(size, sides[axis].Before, sides[axis].After, conv.Kernel[axis], conv.Stride[axis], conv.Dilation[axis]);
                    return (sized, Image(conv.OutChannels, Out(0, input.Height), Out(1, input.Width), "the kernel does not fit"));
                }

                case PoolSpec pool when pool.Module == PoolModule.MaxUnpool2d || pool.ReturnIndices:
                    Report(DiagnosticDescriptors.NotInNetwork, module, "max-pooling indices and unpooling need a second tensor beside the sample; use the layers on their own");
                    return (spec, null);
                case PoolSpec pool when pool.IsAdaptive:
                    if (!NeedsImage()) return (spec, null);
                    return (spec, SampleShape.Image(input.Channels, pool.Window[0] == 0 ? input.Height : pool.Window[0], pool.Window[1] == 0 ? input.Width : pool.Window[1]));
                case PoolSpec pool:
                {
                    if (!NeedsImage()) return (spec, null);
                    var sized = pool with { InputSize = new Axes(input.Height, input.Width) };
                    int before = found.Count;
                    PoolValidator.ValidateInputSize(sized, sites, found);
                    if (found.Count > before) return (sized, null);
                    return (sized, Image(input.Channels, PoolPlanner.OutputSize(sized, 0, input.Height), PoolPlanner.OutputSize(sized, 1, input.Width), "the window does not fit"));
                }

                case LinearSpec linear:
                    if (input.IsImage)
                    {
                        Report(DiagnosticDescriptors.WrongInputRank, module, "features (in_features)", from, $"a {input} image", "; put [Flatten] before it");
                        return (spec, null);
                    }

                    if (input.Dims[0] != linear.InFeatures)
                    {
                        Report(DiagnosticDescriptors.FeatureMismatch, module, linear.InFeatures, from, inputText);
                        return (spec, null);
                    }

                    return (spec, SampleShape.Features(linear.OutFeatures));
                case BatchNormSpec norm:
                    return (spec, NeedsImage() && Channels(norm.NumFeatures) ? input : null);
                case FlattenSpec flatten:
                {
                    var plan = FlattenPlan.Create(flatten);
                    if (plan.Start == 0)
                    {
                        Report(DiagnosticDescriptors.NotInNetwork, module, "start_dim = 0 flattens the batch into the sample; use the default start_dim = 1");
                        return (spec, null);
                    }

                    if (!input.IsImage) return (spec, input); // (N, F): nothing after dim 1 to flatten
                    if (plan.Start != 1 || plan.End != 3)
                    {
                        Report(DiagnosticDescriptors.NotInNetwork, module, "a network's samples are (C, H, W) images or features; flatten all of (C, H, W): start_dim = 1, end_dim = -1");
                        return (spec, null);
                    }

                    return (spec, SampleShape.Features((int)input.Length));
                }

                case PadSpec pad:
                    if (!NeedsImage()) return (spec, null);
                    if (pad.Mode == PaddingMode.Reflect && (System.Math.Max(pad.Left, pad.Right) >= input.Width || System.Math.Max(pad.Top, pad.Bottom) >= input.Height))
                    {
                        Report(DiagnosticDescriptors.LayerEmptiesInput, module, input, from, "nothing", "reflection padding must be smaller than the input's size on its axis");
                        return (spec, null);
                    }

                    return (spec, Image(input.Channels, (long)input.Height + pad.Top + pad.Bottom, (long)input.Width + pad.Left + pad.Right, "the cropping removes everything"));
                case ActivationLayerSpec activation when activation.IsSoftmax:
                {
                    int rank = input.Dims.Count + 1, dim = activation.Dim < 0 ? activation.Dim + rank : activation.Dim;
                    if (dim < 0 || dim >= rank)
                    {
                        Report(DiagnosticDescriptors.NotInNetwork, module, $"dim {activation.Dim} is outside the {rank}-D input (N, {string.Join(", ", input.IsImage ? new[] { "C", "H", "W" } : new[] { "F" })})");
                        return (spec, null);
                    }

                    if (dim == 0)
                    {
                        Report(DiagnosticDescriptors.NotInNetwork, module, "dim 0 normalises across the batch; a network runs each sample on its own (use dim = 1)");
                        return (spec, null);
                    }

                    return (spec, input);
                }

                case ActivationLayerSpec:
                    return (spec, input);
                default:
                    return (spec, null);
            }
        }
    }
}
