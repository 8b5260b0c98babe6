using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes
{
    /// <summary>
    /// CONV103 (channels not divisible by groups): the nearest valid values. The nearest <c>Groups</c> below and above
    /// that divide both channel counts (divisors of gcd(in, out)), and, when in_channels is already divisible, the nearest
    /// <c>outChannels</c> below and above that are multiples of groups. E.g. <c>[Conv2d(3, 10, 3, Groups = 3)]</c>:
    /// Groups = 1, outChannels = 9, outChannels = 12.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GroupsCodeFix)), Shared]
    public sealed class GroupsCodeFix : ConvGenCodeFixProvider
    {
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string GroupsBelowKey = "ConvGen.CONV103.GroupsBelow";
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string GroupsAboveKey = "ConvGen.CONV103.GroupsAbove";
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string OutChannelsBelowKey = "ConvGen.CONV103.OutChannelsBelow";
        /// <summary>Equivalence key of this fix (the same for every diagnostic, so Fix All can apply it everywhere).</summary>
        public const string OutChannelsAboveKey = "ConvGen.CONV103.OutChannelsAbove";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CONV103");

        internal override IEnumerable<Fix> GetFixes(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            if (ConvAttributeSyntax.At(root, model, span, cancellationToken) is not { } conv) yield break;
            if (conv.InChannels is not int inChannels || conv.OutChannels is not int outChannels
                || conv.NamedInt("Groups", 1) is not int groups || inChannels <= 0 || outChannels <= 0 || groups <= 0)
            {
                yield break;
            }

            if (inChannels % groups == 0 && outChannels % groups == 0) yield break; // nothing to fix (stale diagnostic)

            if (conv.Argument("Groups") is { } groupsArgument)
            {
                int common = Gcd(inChannels, outChannels);
                int below = groups - 1;
                while (common % below != 0) below--; // ends at 1 at the latest
                yield return SetValue(groupsArgument, "Groups", below, GroupsBelowKey);

                int above = groups + 1;
                while (above <= common && common % above != 0) above++;
                if (above <= common) yield return SetValue(groupsArgument, "Groups", above, GroupsAboveKey);
            }

            if (inChannels % groups == 0 && conv.Argument("outChannels") is { } outArgument)
            {
                int below = outChannels / groups * groups;
                if (below > 0) yield return SetValue(outArgument, "outChannels", below, OutChannelsBelowKey);
                long above = ((long)outChannels / groups + 1) * groups;
                if (above <= int.MaxValue) yield return SetValue(outArgument, "outChannels", (int)above, OutChannelsAboveKey);
            }
        }

        private static Fix SetValue(SyntaxNode argument, string name, int value, string key) =>
            new($"Use {name} = {value}", key, new Edit(argument, node => ConvAttributeSyntax.WithValue(node, ConvAttributeSyntax.Literal(value))));

        private static int Gcd(int a, int b)
        {
            while (b != 0) (a, b) = (b, a % b);
            return a;
        }
    }
}
