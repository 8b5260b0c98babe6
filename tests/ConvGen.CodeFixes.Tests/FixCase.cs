using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace ConvGen.CodeFixes.Tests;

/// <summary>
/// One code fix on one source: <see cref="Before"/> with markup <c>{|ID:…|}</c> where the diagnostic is, the fix chosen by
/// equivalence key and by its position in the light-bulb menu, its title, and <see cref="After"/>.
/// <see cref="AfterDiagnostics"/> lists what the fixed code may still report (empty: nothing at all).
/// </summary>
public sealed record FixCase(
    string Name,
    Type Fixer,
    string Before,
    string After,
    string Key,
    int Index,
    string Title,
    params DiagnosticResult[] AfterDiagnostics)
{
    public override string ToString() => Name;

    public Task VerifyAsync() =>
        (Task)typeof(FixCase).GetMethod(nameof(VerifyWithAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(Fixer).Invoke(this, null)!;

    private Task VerifyWithAsync<TFix>()
        where TFix : CodeFixProvider, new()
    {
        var test = new ConvGenFixTest<TFix>
        {
            TestCode = Before,
            FixedCode = After,
            CodeActionEquivalenceKey = Key,
            CodeActionIndex = Index,
            ExpectedTitle = Title,
        };
        test.FixedState.ExpectedDiagnostics.AddRange(AfterDiagnostics);
        return test.RunAsync();
    }
}

/// <summary>All cases by name, for theories (xunit shows the name).</summary>
public static class FixCases
{
    public static readonly IReadOnlyList<FixCase> All =
        MakeLayerPartialTests.Cases
            .Concat(MakeContainingTypesPartialTests.Cases)
            .Concat(SameWithStrideTests.Cases)
            .Concat(GroupsTests.Cases)
            .Concat(InsertFlattenTests.Cases)
            .ToList();

    public static FixCase Named(string name) => All.Single(c => c.Name == name);

    public static IEnumerable<object[]> Names(IEnumerable<FixCase> cases) => cases.Select(c => new object[] { c.Name });
}
