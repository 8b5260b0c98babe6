using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary>
    /// Reads <c>[ZeroPad2d]</c>, <c>[ConstantPad2d]</c>, <c>[ReflectionPad2d]</c> and <c>[ReplicationPad2d]</c> into a
    /// <see cref="PadSpec"/>. Never throws. Every padding PyTorch's module constructor accepts is accepted, negative included:
    /// what PyTorch checks against the input size is checked when the layer runs.
    /// </summary>
    internal static class PadParser
    {
        public static readonly string[] Modules = { "ZeroPad2d", "ConstantPad2d", "ReflectionPad2d", "ReplicationPad2d" };

        public static ParseResult<PadSpec> Parse(GeneratorAttributeSyntaxContext context, string module, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, PadMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, module, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static PadSpec? Read(AttributeData attribute, LayerTarget target, string module, List<DiagnosticInfo> diagnostics)
        {
            var args = attribute.ConstructorArguments;
            int[]? sides;
            double value = 0;
            ArgumentSites sites;
            if (module == "ZeroPad2d")
            {
                sites = args.Length == 4 ? ArgumentSites.From(attribute, "left", "right", "top", "bottom") : ArgumentSites.From(attribute, "padding");
                var reader = new ArgumentReader(sites, diagnostics);
                sides = args.Length == 4
                    ? new[] { reader.Int(args[0], "left", "left"), reader.Int(args[1], "right", "right"), reader.Int(args[2], "top", "top"), reader.Int(args[3], "bottom", "bottom") }
                    : new[] { reader.Int(args[0], "padding", "padding") };
                if (reader.Failed) sides = null;
                else if (sides.Length == 1) sides = new[] { sides[0], sides[0], sides[0], sides[0] };
            }
            else
            {
                sites = ArgumentSites.From(attribute, "padding", "value");
                sides = ShapeArguments.FourSidesOf(args[0], "padding", sites, diagnostics);
                if (module == "ConstantPad2d" && args[1].Value is double d) value = d; // NaN and ±∞ fill as in PyTorch
            }

            if (sides is null) return null;
            var mode = module switch
            {
                "ReflectionPad2d" => PaddingMode.Reflect,
                "ReplicationPad2d" => PaddingMode.Replicate,
                _ => PaddingMode.Zeros,
            };
            var spec = new PadSpec(target, module, sides[0], sides[1], sides[2], sides[3], mode, value);
            bool ok = LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
