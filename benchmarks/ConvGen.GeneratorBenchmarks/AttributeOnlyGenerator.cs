using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.GeneratorBenchmarks
{
    /// <summary>
    /// The floor for any generator driven by <c>[Conv2d]</c>: the same <c>ForAttributeWithMetadataName</c> query, a
    /// transform that only binds the class symbol and the attribute's arguments, and an output that writes nothing.
    /// Run on the same project and edits as ConvGen, it separates what Roslyn costs anyway from what ConvGen adds.
    /// No [Generator] attribute: it is never loaded by a compiler, only handed to CSharpGeneratorDriver.
    /// </summary>
    public sealed class AttributeOnlyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider.ForAttributeWithMetadataName(
                "ConvGen.Conv2dAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, _) =>
                {
                    var attribute = ctx.Attributes[0];
                    return (ctx.TargetSymbol.Name, attribute.ConstructorArguments.Length, attribute.NamedArguments.Length);
                });
            context.RegisterSourceOutput(specs, static (_, _) => { });
        }
    }
}
