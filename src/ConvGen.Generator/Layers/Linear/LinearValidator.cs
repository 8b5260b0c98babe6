using System.Collections.Generic;
using ConvGen.Generator.Common;

namespace ConvGen.Generator.Layers.LinearLayers
{
    /// <summary>
    /// Pure checks of a <see cref="LinearSpec"/>. PyTorch rejects negative sizes ("Trying to create tensor with negative
    /// dimension"); it accepts 0, a layer whose output is its bias, which ConvGen rejects too (CONV101) as certainly a
    /// mistake. A weight beyond a .NET array is CONV106.
    /// </summary>
    internal static class LinearValidator
    {
        /// <summary>Array.MaxLength, which netstandard2.0 does not expose.</summary>
        private const long MaxArrayLength = 0x7FFFFFC7;

        public static List<DiagnosticInfo> Validate(LinearSpec spec, ArgumentSites sites)
        {
            var found = new List<DiagnosticInfo>();
            if (spec.InFeatures <= 0)
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPositive, sites["inFeatures"], "in_features", spec.InFeatures));
            if (spec.OutFeatures <= 0)
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPositive, sites["outFeatures"], "out_features", spec.OutFeatures));
            if (found.Count == 0 && spec.WeightLength > MaxArrayLength)
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerTooLarge, sites["outFeatures"], spec.WeightLength));
            return found;
        }
    }
}
