using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>
    /// Reads a pooling attribute and its class into a <see cref="PoolSpec"/>. Never throws: a malformed argument becomes a
    /// diagnostic, and an argument the compiler already rejects yields no spec and no diagnostic of ours.
    /// </summary>
    internal static class PoolParser
    {
        public static ParseResult<PoolSpec> Parse(GeneratorAttributeSyntaxContext context, PoolModule module, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, PoolMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, module, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static PoolSpec? Read(AttributeData attribute, LayerTarget target, PoolModule module, List<DiagnosticInfo> diagnostics)
        {
            bool adaptive = module is PoolModule.AdaptiveAvgPool2d or PoolModule.AdaptiveMaxPool2d;
            string first = adaptive ? "outputSize" : "kernelSize";
            var sites = ArgumentSites.From(attribute, first);
            var reader = new ArgumentReader(sites, diagnostics);
            Axes window = reader.PerAxis(attribute.ConstructorArguments[0], 2, adaptive ? "output_size" : "kernel_size", first);
            Axes? stride = null;
            Axes padding = Axes.Uniform(2, 0), dilation = Axes.Uniform(2, 1);
            bool ceilMode = false, returnIndices = false, countIncludePad = true;
            int? divisor = null;
            int inputHeight = 0, inputWidth = 0;
            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value;
                switch (named.Key)
                {
                    case "Stride": stride = value.IsNull ? null : reader.PerAxis(value, 2, "stride", named.Key); break;
                    case "Padding": padding = reader.PerAxis(value, 2, "padding", named.Key); break;
                    case "Dilation": dilation = reader.PerAxis(value, 2, "dilation", named.Key); break;
                    case "CeilMode": ceilMode = value.Value is true; break;
                    case "ReturnIndices": returnIndices = value.Value is true; break;
                    case "CountIncludePad": countIncludePad = value.Value is true; break;
                    case "DivisorOverride": divisor = reader.Int(value, "divisor_override", named.Key); break;
                    case PoolMembers.InputHeight: inputHeight = reader.Int(value, named.Key, named.Key); break;
                    case PoolMembers.InputWidth: inputWidth = reader.Int(value, named.Key, named.Key); break;
                }
            }

            var spec = new PoolSpec(target, module, window, stride ?? window, padding, dilation, ceilMode,
                returnIndices, countIncludePad, divisor, new Axes(inputHeight, inputWidth));
            if (!reader.Failed) diagnostics.AddRange(PoolValidator.Validate(spec, sites));
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
