using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>The CONV6xx family's attributes: <c>[BatchNorm2d]</c> here, the padding layers and <c>[Flatten]</c> from <c>Layers/Shape</c>.</summary>
    internal static class NormPipelines
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            LayerPipeline.Register(context, BatchNormParser.AttributeName, BatchNormParser.Parse, BatchNormPlanner.Plan,
                static plan => plan.Spec.Target.HintName, BatchNormEmitter.Emit);
            Shape.ShapePipelines.Register(context);
        }
    }
}
