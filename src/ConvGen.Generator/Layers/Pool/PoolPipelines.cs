using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Pool
{
    /// <summary>Registers the pooling attributes: <c>[MaxPool2d]</c>, <c>[AvgPool2d]</c>, <c>[MaxUnpool2d]</c>, <c>[AdaptiveAvgPool2d]</c>, <c>[AdaptiveMaxPool2d]</c>.</summary>
    internal static class PoolPipelines
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            foreach (var module in new[] { PoolModule.MaxPool2d, PoolModule.AvgPool2d, PoolModule.MaxUnpool2d, PoolModule.AdaptiveAvgPool2d, PoolModule.AdaptiveMaxPool2d })
            {
                LayerPipeline.Register(context, LayerAttributes.MetadataName(module.ToString()),
                    (attribute, token) => PoolParser.Parse(attribute, module, token),
                    PoolPlanner.Plan, static plan => plan.Spec.Target.HintName, PoolLayerEmitter.Emit);
            }
        }
    }
}
