using ConvGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Layers.Shape
{
    /// <summary><c>[ZeroPad2d]</c>, <c>[ConstantPad2d]</c>, <c>[ReflectionPad2d]</c>, <c>[ReplicationPad2d]</c> and <c>[Flatten]</c>: one pipeline each.</summary>
    internal static class ShapePipelines
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            foreach (string module in PadParser.Modules)
            {
                LayerPipeline.Register(context, LayerAttributes.MetadataName(module), (attribute, token) => PadParser.Parse(attribute, module, token),
                    PadEmitter.Plan, static spec => spec.Target.HintName, PadEmitter.Emit);
            }

            LayerPipeline.Register(context, FlattenParser.AttributeName, FlattenParser.Parse, FlattenPlan.Create,
                static plan => plan.Spec.Target.HintName, FlattenEmitter.Emit);
        }
    }
}
