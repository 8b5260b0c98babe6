namespace ConvGen.Generator.Layers.Norm
{
    /// <summary>
    /// Spec → plan. A batch norm is one multiply and one add per element, bound by memory: its kernel is the runtime's
    /// vectorised plane loop (<c>BatchNormDriver</c>), the same for every channel count, so the plan only fixes the float eps.
    /// </summary>
    internal static class BatchNormPlanner
    {
        public static BatchNormPlan Plan(BatchNormSpec spec) => new(spec, (float)spec.Eps);
    }
}
