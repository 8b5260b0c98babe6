using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ConvGen.Generator.Common;
using ConvGen.Generator.Layers.Activations;
using ConvGen.Generator.Layers.Conv;
using ConvGen.Generator.Layers.LinearLayers;
using ConvGen.Generator.Layers.Norm;
using ConvGen.Generator.Layers.Pool;
using ConvGen.Generator.Layers.Shape;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Network
{
    /// <summary>
    /// Reads a network's layers into its graph: each layer attribute in order through its family's reader and
    /// <see cref="NetworkShapes"/>, each <c>[Block(typeof(T))]</c> expanded into T's layers (prefixed names, branches and
    /// merges), every shape checked where it is used. Shape errors inside a block are reported on the network's
    /// <c>[Block]</c> attribute that brings them (the block's own arguments are checked by its own pipeline,
    /// <see cref="BlockParser"/>).
    /// </summary>
    internal sealed class NetworkGraphReader
    {
        private const int MaxDepth = 32;

        private readonly LayerTarget _network;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly List<NetworkNode> _nodes = new();
        private readonly List<INamedTypeSymbol> _blocks = new();
        private readonly ConvAlgorithm _algorithm;

        /// <param name="algorithm">The network's <c>Algorithm</c>: given to every convolution it serves and pays on (<see cref="WinogradRule.Pays"/>) that names none of its own.</param>
        public NetworkGraphReader(LayerTarget network, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken,
            ConvAlgorithm algorithm = ConvAlgorithm.Direct)
        {
            _network = network;
            _algorithm = algorithm;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        public IReadOnlyList<NetworkNode> Nodes => _nodes;

        /// <summary>A value flowing between layers: its node (or the network input), shape and how messages name its source.</summary>
        private readonly record struct Value(int Id, SampleShape Shape, string Text, string From);

        /// <summary>
        /// The network's own layers from <paramref name="input"/>; <paramref name="layers"/> gets each as the network lists it.
        /// Returns the output shape, or null when a shape did not check (after reporting why) or a layer can't be read.
        /// </summary>
        public SampleShape? ReadNetwork(INamedTypeSymbol type, IReadOnlyList<AttributeData> attributes, SampleShape input, List<NetworkLayer> layers)
        {
            var value = new Value(NetworkNode.NetworkInput, input, input.ToString(), "the input");
            return Sequence(type, attributes, "", "", value, usage: null, layers)?.Shape;
        }

        /// <summary>
        /// Layers in order. At the network's level (<paramref name="usage"/> null) errors go on each attribute and
        /// <paramref name="layers"/> records the listing; inside a block they go on <paramref name="usage"/>.
        /// </summary>
        private Value? Sequence(INamedTypeSymbol owner, IReadOnlyList<AttributeData> attributes, string prefix, string path, Value value,
            ArgumentSites? usage, List<NetworkLayer>? layers)
        {
            var names = new HashSet<string>();
            Value? at = value;
            int index = 0;
            foreach (var attribute in attributes)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                string module = LayerAttributes.ShortName(attribute);
                var sites = usage ?? ArgumentSites.From(attribute);
                string name = NameOf(attribute, index);
                if (usage is null && !names.Add(name))
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, sites.Attribute, owner.Name, name));

                string nodePath = path + Invariant(index), full = prefix + name;
                string label = usage is null ? $"layer {index} ({module})" : $"'{full}' ({module})";
                int consumed = 1;
                if (at is { } input)
                {
                    Value? output;
                    object? listed;
                    if (module == LayerAttributes.BlockShortName)
                    {
                        var block = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
                        output = block is null ? null : Block(block, full + ".", nodePath + "_", input, usage ?? sites);
                        listed = block is null ? null : new BlockSpec(block.Name, BlockParser.KindOf(block) ?? "");
                    }
                    else
                    {
                        (output, listed, consumed) = Layer(attribute, module, full, nodePath, input, sites, usage is null ? module : $"{module} '{full}'", usage is not null);
                    }

                    if (output is { } o && listed is not null && layers is not null)
                    {
                        string? activationName = consumed == 2 ? Invariant(index + 1) : null;
                        layers.Add(new NetworkLayer(index, name, module, listed, input.Shape, o.Shape, activationName));
                    }

                    at = output is { } done ? done with { From = label } : null;
                }

                index += consumed;
            }

            return at;
        }

        /// <summary>One layer attribute: its family's spec, its shape checked against the value it reads, its node.</summary>
        private (Value? Output, object? Spec, int Consumed) Layer(AttributeData attribute, string module, string name, string path, Value input,
            ArgumentSites sites, string moduleText, bool nested)
        {
            // Inside a block, the block's own pipeline reports the attribute's argument errors; here they only stop the network.
            var readErrors = new List<DiagnosticInfo>();
            object? spec = LayerAttributes.IsReadable(attribute) ? Read(module, attribute, Nested(_network, path), readErrors) : null;
            if (!nested) _diagnostics.AddRange(readErrors);
            if (spec is null || !LayerAttributes.NoErrors(readErrors)) return (null, null, 1);
            if (spec is ConvSpec conv && _algorithm == ConvAlgorithm.Winograd && conv.WinogradUnsupported is null
                && WinogradRule.Pays(conv.InChannels, conv.OutChannels) && !attribute.NamedArguments.Any(a => a.Key == ConvMembers.Algorithm))
            {
                spec = conv with { Algorithm = _algorithm };
            }

            int consumed = Indices(spec);
            var (sized, output) = NetworkShapes.Apply(spec, moduleText, input.Shape, input.Text, input.From, sites, _diagnostics);
            if (output is null) return (null, null, consumed);
            string text = spec is FlattenSpec && input.Shape.IsImage ? $"{input.Shape} = {output}" : output.ToString();
            return (Add(path, name, sized, new[] { input }, output, text), sized, consumed);
        }

        /// <summary>A block's layers on <paramref name="input"/>, expanded by its kind; errors on <paramref name="usage"/>.</summary>
        private Value? Block(INamedTypeSymbol block, string prefix, string path, Value input, ArgumentSites usage)
        {
            string? kind = BlockParser.KindOf(block);
            if (kind is null || !BlockParser.IsWellFormed(block, _cancellationToken))
            {
                // A network reports its own [Block]s; what a block names inside is its own pipeline's to report.
                if (kind is null && _blocks.Count == 0) _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotABlock, usage.Attribute, block.Name));
                return null;
            }

            if (_blocks.Contains(block, SymbolEqualityComparer.Default) || _blocks.Count >= MaxDepth)
            {
                string chain = string.Join(" → ", _blocks.Select(b => b.Name).Concat(new[] { block.Name }));
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockCycle, usage.Attribute, block.Name, chain));
                return null;
            }

            _blocks.Add(block);
            try
            {
                var marker = BlockParser.Marker(block)!;
                var layers = BlockParser.Layers(block, _cancellationToken);
                switch (kind)
                {
                    case BlockParser.Residual:
                    {
                        var body = Sequence(block, layers, prefix, path, input, usage, null);
                        var shortcutType = marker.NamedArguments.FirstOrDefault(a => a.Key == "Shortcut").Value.Value as INamedTypeSymbol;
                        string shortcutName = marker.NamedArguments.FirstOrDefault(a => a.Key == "ShortcutName").Value.Value as string ?? "downsample";
                        var shortcut = shortcutType is null ? input
                            : Block(shortcutType, shortcutName.Length == 0 ? prefix : prefix + shortcutName + ".", path + "s", input, usage);
                        if (body is not { } b || shortcut is not { } s) return null;
                        if (b.Shape != s.Shape)
                        {
                            string what = shortcutType is null ? "its input" : $"its shortcut {shortcutType.Name}";
                            Report(usage, $"the residual block {block.Name} adds its layers' output {b.Shape} to {what}, {s.Shape}; they must be the same shape");
                            return null;
                        }

                        var sum = Add(path + "add", prefix + "add", new AddSpec(block.Name), new[] { b, s }, b.Shape, b.Text);
                        var activation = (Activation)(marker.NamedArguments.FirstOrDefault(a => a.Key == "Activation").Value.Value as int? ?? 0);
                        if (activation == Activation.None) return sum;
                        string module = activation == Activation.GELUTanh ? "GELU" : activation.ToString();
                        var spec = new ActivationLayerSpec(Nested(_network, path + "act"), module, activation, 0.01f, 1, 0.5f);
                        return Add(path + "act", prefix + "act", spec, new[] { sum }, b.Shape, b.Text);
                    }

                    case BlockParser.SqueezeExcitation:
                    {
                        if (Sequence(block, layers, prefix, path, input, usage, null) is not { } gate) return null;
                        var x = input.Shape;
                        bool perChannel = gate.Shape.IsImage && gate.Shape.Channels == x.Channels && gate.Shape.Height == 1 && gate.Shape.Width == 1;
                        if (!perChannel && gate.Shape != x)
                        {
                            Report(usage, $"the squeeze-and-excitation block {block.Name} scales its input {x} by its layers' output {gate.Shape}; that must be {x.Channels}×1×1 (one value per channel) or {x}");
                            return null;
                        }

                        return Add(path + "mul", prefix + "mul", new MultiplySpec(block.Name), new[] { input, gate }, x, input.Text);
                    }

                    case BlockParser.Concat:
                    {
                        var branches = new List<Value>();
                        int k = 0;
                        foreach (var branch in BlockParser.Branches(marker))
                        {
                            if (Block(branch, prefix, $"{path}b{k++}_", input, usage) is not { } v) return null;
                            branches.Add(v);
                        }

                        if (branches.Count == 0) return null;
                        var first = branches[0].Shape;
                        if (branches.Any(v => !v.Shape.IsImage || v.Shape.Height != first.Height || v.Shape.Width != first.Width))
                        {
                            Report(usage, $"the concat block {block.Name} joins images along the channels, so its branches must give the same height and width; they give {string.Join(", ", branches.Select(v => v.Shape))}");
                            return null;
                        }

                        var output = SampleShape.Image(branches.Sum(v => v.Shape.Channels), first.Height, first.Width);
                        return Add(path + "cat", prefix + "cat", new ConcatSpec(block.Name), branches, output, output.ToString());
                    }

                    default:
                        return Sequence(block, layers, prefix, path, input, usage, null);
                }
            }
            finally
            {
                _blocks.RemoveAt(_blocks.Count - 1);
            }
        }

        private void Report(ArgumentSites usage, string problem) =>
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockShapes, usage.Attribute, problem));

        private Value Add(string path, string name, object spec, IEnumerable<Value> inputs, SampleShape output, string text)
        {
            int id = _nodes.Count;
            var reads = inputs.ToList();
            _nodes.Add(new NetworkNode(id, path, name, spec, new EquatableArray<int>(reads.Select(v => v.Id).ToArray()), reads[0].Shape, output));
            return new Value(id, output, text, "");
        }

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A layer's state_dict name: its attribute's <c>Name</c>, or its <c>nn.Sequential</c> index.</summary>
        public static string NameOf(AttributeData layer, int index) =>
            layer.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? Invariant(index);

        /// <summary>The <c>nn.Sequential</c> indices a layer takes: two with <c>Activation =</c> (the module it stands for), else one.</summary>
        public static int Indices(object? spec) =>
            spec is ConvSpec { Activation: not Activation.None } or LinearSpec { Activation: not Activation.None } ? 2 : 1;

        /// <summary>The nested class that runs the node at <paramref name="path"/>: Network.Layer{path}, in its own file.</summary>
        private static LayerTarget Nested(LayerTarget network, string path)
        {
            string name = NetworkMembers.LayerClass(path);
            var containing = network.ContainingTypes.Concat(new[] { $"partial class {network.Name}" });
            string hint = network.HintName.Substring(0, network.HintName.Length - ".g.cs".Length);
            return new LayerTarget(network.Namespace, name, new EquatableArray<string>(containing))
            {
                HintName = $"{hint}.{name}.g.cs",
                DisplayName = $"{network.DisplayName}.{name}",
            };
        }

        /// <summary>The family's reader of a layer attribute (module = the attribute's short name).</summary>
        public static object? Read(string module, AttributeData attribute, LayerTarget target, List<DiagnosticInfo> diagnostics)
        {
            if (module.StartsWith("Conv", StringComparison.Ordinal))
            {
                bool transposed = module.StartsWith("ConvTranspose", StringComparison.Ordinal);
                return ConvParser.Read(attribute, target, module[module.Length - 2] - '0', transposed, diagnostics);
            }

            if (Enum.TryParse(module, out PoolModule pool)) return PoolParser.Read(attribute, target, pool, diagnostics);
            if (ActivationParser.Modules.Contains(module)) return ActivationParser.Read(attribute, target, module, diagnostics);
            if (PadParser.Modules.Contains(module)) return PadParser.Read(attribute, target, module, diagnostics);
            return module switch
            {
                "Linear" => LinearParser.Read(attribute, target, diagnostics),
                "BatchNorm2d" => BatchNormParser.Read(attribute, target, diagnostics),
                "Flatten" => FlattenParser.Read(attribute, target, diagnostics),
                _ => null,
            };
        }
    }
}
