using System.Collections.Generic;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>
    /// Pure checks of a <c>[BatchNorm2d]</c>: a positive <c>num_features</c> (CONV101) and running statistics to normalise
    /// with (CONV602). <c>eps</c> is not checked, as PyTorch does not check it: a variance plus eps of 0 gives ±∞ there too.
    /// </summary>
    internal static class BatchNormValidator
    {
        public static IEnumerable<DiagnosticInfo> Validate(BatchNormSpec spec, bool trackRunningStats, ArgumentSites sites)
        {
            if (spec.NumFeatures <= 0)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NotPositive, sites["numFeatures"], "num_features", spec.NumFeatures);
            if (!trackRunningStats)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.BatchNormWithoutRunningStats, sites["TrackRunningStats"], "BatchNorm2d");
        }
    }
}
