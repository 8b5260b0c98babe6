using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV103: channels not divisible by groups → the nearest valid Groups, or the nearest valid outChannels.</summary>
public class GroupsTests
{
    private const string GroupsBelow = GroupsCodeFix.GroupsBelowKey;
    private const string GroupsAbove = GroupsCodeFix.GroupsAboveKey;
    private const string OutBelow = GroupsCodeFix.OutChannelsBelowKey;
    private const string OutAbove = GroupsCodeFix.OutChannelsAboveKey;

    private const string DesignCard = """
        using ConvGen;

        [Conv2d(3, 10, 3, {|CONV103:Groups = 3|})]
        public partial class Layer;
        """;

    private static string Layer(string attribute) => $$"""
        using ConvGen;

        [{{attribute}}]
        public partial class Layer;
        """;

    public static readonly FixCase[] Cases =
    {
        // The design card's mistake: 10 output channels in 3 groups. gcd(3, 10) = 1, so Groups = 1; or 9 / 12 outputs.
        new("CONV103 design card: Groups = 1", typeof(GroupsCodeFix),
            DesignCard, Layer("Conv2d(3, 10, 3, Groups = 1)"), GroupsBelow, 0, "Use Groups = 1"),
        new("CONV103 design card: outChannels = 9", typeof(GroupsCodeFix),
            DesignCard, Layer("Conv2d(3, 9, 3, Groups = 3)"), OutBelow, 1, "Use outChannels = 9"),
        new("CONV103 design card (help page): outChannels = 12", typeof(GroupsCodeFix),
            DesignCard, Layer("Conv2d(3, 12, 3, Groups = 3)"), OutAbove, 2, "Use outChannels = 12"),
        // Every convolution attribute gets the same fix.
        new("CONV103 Conv1d: outChannels = 9", typeof(GroupsCodeFix),
            Layer("Conv1d(3, 10, 5, {|CONV103:Groups = 3|})"), Layer("Conv1d(3, 9, 5, Groups = 3)"), OutBelow, 1, "Use outChannels = 9"),
        new("CONV103 ConvTranspose2d: Groups = 2", typeof(GroupsCodeFix),
            Layer("ConvTranspose2d(4, 6, 3, {|CONV103:Groups = 4|})"), Layer("ConvTranspose2d(4, 6, 3, Groups = 2)"), GroupsBelow, 0, "Use Groups = 2"),
        // Neither channel count divisible (two diagnostics, one set of fixes): only Groups can fix it; the divisors of
        // gcd(32, 64) = 32 around 5 are 4 and 8.
        new("CONV103 groups below", typeof(GroupsCodeFix),
            Layer("Conv2d(32, 64, 3, {|CONV103:{|CONV103:Groups = 5|}|})"), Layer("Conv2d(32, 64, 3, Groups = 4)"), GroupsBelow, 0, "Use Groups = 4"),
        new("CONV103 groups above", typeof(GroupsCodeFix),
            Layer("Conv2d(32, 64, 3, {|CONV103:{|CONV103:Groups = 5|}|})"), Layer("Conv2d(32, 64, 3, Groups = 8)"), GroupsAbove, 1, "Use Groups = 8"),
        // Both channel counts wrong: two diagnostics on the same argument, one fix.
        new("CONV103 in and out both wrong", typeof(GroupsCodeFix),
            Layer("Conv2d(5, 7, 3, {|CONV103:{|CONV103:Groups = 3|}|})"), Layer("Conv2d(5, 7, 3, Groups = 1)"), GroupsBelow, 0, "Use Groups = 1"),
        // Named constructor arguments; fewer outputs than groups: no "below" for outChannels.
        new("CONV103 named arguments, outChannels up to groups", typeof(GroupsCodeFix),
            Layer("Conv2d(inChannels: 4, outChannels: 2, kernelSize: 3, {|CONV103:Groups = 4|})"),
            Layer("Conv2d(inChannels: 4, outChannels: 4, kernelSize: 3, Groups = 4)"), OutAbove, 1, "Use outChannels = 4"),
        new("CONV103 named arguments, groups down", typeof(GroupsCodeFix),
            Layer("Conv2d(inChannels: 4, outChannels: 2, kernelSize: 3, {|CONV103:Groups = 4|})"),
            Layer("Conv2d(inChannels: 4, outChannels: 2, kernelSize: 3, Groups = 2)"), GroupsBelow, 0, "Use Groups = 2"),
        // A constant is replaced by the number (the attribute shows the value the layer will have).
        new("CONV103 groups from a constant", typeof(GroupsCodeFix),
            """
            using ConvGen;

            static class Net { public const int Groups = 4; }

            [Conv2d(8, 6, 3, {|CONV103:Groups = Net.Groups|})]
            public partial class Layer;
            """,
            """
            using ConvGen;

            static class Net { public const int Groups = 4; }

            [Conv2d(8, 6, 3, Groups = 2)]
            public partial class Layer;
            """,
            GroupsBelow, 0, "Use Groups = 2"),
    };

    public static IEnumerable<object[]> Names => FixCases.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public Task Fix(string name) => FixCases.Named(name).VerifyAsync();

    [Fact]
    public Task Fix_all_uses_the_nearest_groups_below_for_each_layer() =>
        new ConvGenFixTest<GroupsCodeFix>
        {
            TestCode = """
                using ConvGen;
                [Conv2d(3, 10, 3, {|CONV103:Groups = 3|})] public partial class A;
                [Conv2d(32, 64, 3, {|CONV103:{|CONV103:Groups = 5|}|})] public partial class B;
                [Conv2d(6, 9, 1, {|CONV103:{|CONV103:Groups = 4|}|})] public partial class C;
                """,
            FixedCode = """
                using ConvGen;
                [Conv2d(3, 10, 3, Groups = 1)] public partial class A;
                [Conv2d(32, 64, 3, Groups = 4)] public partial class B;
                [Conv2d(6, 9, 1, Groups = 3)] public partial class C;
                """,
            CodeActionEquivalenceKey = GroupsBelow,
            CodeActionIndex = 0,
        }.RunAsync();

    [Fact]
    public Task Fix_all_rounds_outChannels_up_where_that_is_offered()
    {
        // B's in_channels (32) is not divisible by 5, so "outChannels" is not offered for it and B stays as it is.
        var test = new ConvGenFixTest<GroupsCodeFix>
        {
            TestCode = """
                using ConvGen;
                [Conv2d(3, 10, 3, {|CONV103:Groups = 3|})] public partial class A;
                [Conv2d(32, 64, 3, {|CONV103:{|CONV103:Groups = 5|}|})] public partial class B;
                [Conv2d(8, 6, 3, {|CONV103:Groups = 4|})] public partial class C;
                """,
            FixedCode = """
                using ConvGen;
                [Conv2d(3, 12, 3, Groups = 3)] public partial class A;
                [Conv2d(32, 64, 3, {|CONV103:{|CONV103:Groups = 5|}|})] public partial class B;
                [Conv2d(8, 8, 3, Groups = 4)] public partial class C;
                """,
            CodeActionEquivalenceKey = OutAbove,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow; // B's diagnostics stay
        return test.RunAsync();
    }
}
