using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Activations
{
    /// <summary>Registers <c>[ReLU]</c> … <c>[GELU]</c>, <c>[Softmax]</c> and <c>[Dropout]</c> with the shared layer pipeline.</summary>
    internal static class ActivationPipelines
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            foreach (string module in ActivationParser.Modules)
            {
                LayerPipeline.Register(context, LayerAttributes.MetadataName(module),
                    (attribute, token) => ActivationParser.Parse(attribute, module, token),
                    ActivationPlanner.Plan, static plan => plan.Spec.Target.HintName, ActivationLayerEmitter.Emit);
            }
        }
    }
}
