using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.CodeFixes.Tests;

/// <summary>CONV707 on a Linear that gets an image → put [Flatten] before it.</summary>
public class InsertFlattenTests
{
    private const string Key = InsertFlattenCodeFix.EquivalenceKey;

    public static readonly FixCase[] Cases =
    {
        new("CONV707 help page", typeof(InsertFlattenCodeFix),
            """
            using ConvGen;

            [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
            [Conv2d(1, 4, 3)]
            [{|CONV707:Linear(2704, 10)|}]
            public partial class Net;
            """,
            """
            using ConvGen;

            [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
            [Conv2d(1, 4, 3)]
            [Flatten] [Linear(2704, 10)]
            public partial class Net;
            """,
            Key, 0, "Put [Flatten] before [Linear]"),
        new("CONV707 in a list with other layers", typeof(InsertFlattenCodeFix),
            """
            using ConvGen;

            [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
            [Conv2d(1, 4, 3), ReLU, {|CONV707:Linear(2704, 10)|}]
            public partial class Net;
            """,
            """
            using ConvGen;

            [Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
            [Conv2d(1, 4, 3), ReLU, Flatten, Linear(2704, 10)]
            public partial class Net;
            """,
            Key, 0, "Put [Flatten] before [Linear]"),
        new("CONV707 on one line", typeof(InsertFlattenCodeFix),
            """
            using ConvGen;

            namespace App
            {
                [Sequential(InChannels = 3, InputHeight = 8, InputWidth = 8)]
                [Conv2d(3, 2, 3)] [MaxPool2d(2)] [{|CONV707:Linear(18, 4)|}] [ReLU]
                public partial class Net { }
            }
            """,
            """
            using ConvGen;

            namespace App
            {
                [Sequential(InChannels = 3, InputHeight = 8, InputWidth = 8)]
                [Conv2d(3, 2, 3)] [MaxPool2d(2)] [Flatten] [Linear(18, 4)] [ReLU]
                public partial class Net { }
            }
            """,
            Key, 0, "Put [Flatten] before [Linear]"),
    };

    public static IEnumerable<object[]> Names => FixCases.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public Task Fix(string name) => FixCases.Named(name).VerifyAsync();
}
