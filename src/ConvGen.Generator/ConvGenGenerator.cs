using ConvGen.Generator.Common;
using ConvGen.Generator.Layers.Conv;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator
{
    /// <summary>
    /// Every ConvGen layer attribute on a partial class → a layer. One pipeline per attribute: parse (attribute → spec +
    /// diagnostics, with validation) → plan (spec → kernels) → emit (plan → source). Diagnostics go to their own output
    /// so moving a squiggle never re-emits code. Layer families live in <c>Layers/</c>, shared kernels in <c>Kernels/</c>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ConvGenGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps (asserted by the incremental-caching tests).</summary>
        public static class Steps
        {
            public const string Parse = nameof(Parse);
            public const string Diagnostics = nameof(Diagnostics);
            public const string Specs = nameof(Specs);
            public const string Plan = nameof(Plan);
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            for (int rank = 1; rank <= 3; rank++)
            {
                RegisterConvolution(context, rank, transposed: false);
                RegisterConvolution(context, rank, transposed: true);
            }

            // Each further layer family registers its attributes here, one LayerPipeline.Register per attribute.
            Layers.Norm.NormPipelines.Register(context);
            Layers.Pool.PoolPipelines.Register(context);
            Layers.LinearLayers.LinearPipelines.Register(context);
            Layers.Activations.ActivationPipelines.Register(context);

            // Networks: [Sequential] and the layer attributes stacked on its class.
            LayerPipeline.Register(context, LayerAttributes.SequentialName, Network.NetworkParser.Parse, Network.NetworkPlanner.Plan,
                Network.NetworkEmitter.Emit);

            // Blocks: checked where they are declared, generated inside the networks that use them.
            foreach (string marker in LayerAttributes.BlockMarkers)
            {
                LayerPipeline.Register(context, marker, Network.BlockParser.Parse, static spec => spec,
                    static _ => System.Linq.Enumerable.Empty<(string, string)>());
            }

            LayerPipeline.Register(context, LayerAttributes.MetadataName(LayerAttributes.BlockShortName), Network.BlockParser.ParseUse,
                static spec => spec, static _ => System.Linq.Enumerable.Empty<(string, string)>());
        }

        /// <summary><c>[Conv1d]</c> … <c>[Conv3d]</c>, <c>[ConvTranspose1d]</c> … <c>[ConvTranspose3d]</c>.</summary>
        private static void RegisterConvolution(IncrementalGeneratorInitializationContext context, int rank, bool transposed) =>
            LayerPipeline.Register(context, ConvParser.AttributeName(rank, transposed),
                (attribute, token) => ConvParser.Parse(attribute, rank, transposed, token),
                ConvPlanner.Plan, static plan => plan.Spec.Target.HintName, ConvLayerEmitter.Emit);
    }
}
