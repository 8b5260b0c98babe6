using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Activations
{
    /// <summary>Reads an activation-layer attribute and its class into an <see cref="ActivationLayerSpec"/>; never throws.</summary>
    internal static class ActivationParser
    {
        /// <summary>The attributes of this family, by PyTorch module name (the metadata names are in LayerAttributes.All).</summary>
        public static readonly IReadOnlyList<string> Modules = new[]
        {
            "ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Tanh", "Hardsigmoid", "Hardswish", "SiLU", "GELU", "Softmax", "Dropout",
        };

        public static ParseResult<ActivationLayerSpec> Parse(GeneratorAttributeSyntaxContext context, string module, CancellationToken cancellationToken) =>
            LayerAttributes.Parse(context, ActivationMembers.All, cancellationToken,
                (attribute, target, diagnostics) => Read(attribute, target, module, diagnostics));

        /// <summary>The spec of one attribute for <paramref name="target"/> (null when it can't be made; <paramref name="diagnostics"/> says why).</summary>
        public static ActivationLayerSpec? Read(AttributeData attribute, LayerTarget target, string module, List<DiagnosticInfo> diagnostics)
        {
            // The one positional argument each takes: nn.LeakyReLU(0.2), nn.Softmax(1), nn.Dropout(0.3).
            string positional = module switch { "LeakyReLU" => "NegativeSlope", "Softmax" => "Dim", _ => "P" };
            var sites = ArgumentSites.From(attribute, positional);
            var reader = new ArgumentReader(sites, diagnostics);
            var function = module switch
            {
                "Softmax" or "Dropout" => Activation.None,
                _ => (Activation)System.Enum.Parse(typeof(Activation), module),
            };
            float slope = 0.01f, p = 0.5f;
            int dim = 1;
            string approximate = "none";
            var arguments = new List<KeyValuePair<string, TypedConstant>>();
            if (attribute.ConstructorArguments.Length == 1) arguments.Add(new(positional, attribute.ConstructorArguments[0]));
            arguments.AddRange(attribute.NamedArguments);
            foreach (var argument in arguments)
            {
                string key = argument.Key;
                var value = argument.Value;
                switch (key)
                {
                    case "NegativeSlope": slope = reader.Float(value, "negative_slope", key); break;
                    case "P": p = reader.Float(value, "p", key); break;
                    case "Dim": dim = reader.Int(value, "dim", key); break;
                    case "Approximate":
                        if (value.Value is string text) approximate = text;
                        else reader.Int(value, "approximate", key); // not a string: CONV001 (an int is not expected either)
                        break;
                }
            }

            if (module == "GELU" && approximate == "tanh") function = Activation.GELUTanh;
            if (!reader.Failed)
            {
                if (module == "GELU" && approximate != "none" && approximate != "tanh")
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownGeluApproximation, sites["Approximate"], approximate));
                if (module == "Dropout" && !(p >= 0f && p <= 1f))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutProbability, sites["P"], p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                if (module == "Softmax" && (dim < -4 || dim > 3))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxDimOutOfRange, sites["Dim"], dim));
            }

            var spec = new ActivationLayerSpec(target, module, function, slope, dim, p);
            bool ok = !reader.Failed && LayerAttributes.NoErrors(diagnostics);
            return ok ? spec : null;
        }
    }
}
