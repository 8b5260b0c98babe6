using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>Registers <c>[Linear]</c> with the shared layer pipeline.</summary>
    internal static class LinearPipelines
    {
        public static void Register(IncrementalGeneratorInitializationContext context) =>
            LayerPipeline.Register(context, LinearParser.AttributeName, LinearParser.Parse, LinearPlanner.Plan,
                static plan => plan.Spec.Target.HintName, LinearLayerEmitter.Emit);
    }
}
