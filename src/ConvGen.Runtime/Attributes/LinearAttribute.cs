using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.Linear(in_features, out_features)</c> layer on the <c>partial class</c> it decorates: a
    /// constructor taking PyTorch-layout weight <c>(out, in)</c> and bias <c>(out)</c> (weight only with
    /// <see cref="Bias"/> = false), and <c>Forward(input, output, rows)</c> for an input <c>(*, in)</c> flattened to rows,
    /// computed by a GEMM kernel generated for the two sizes. Mistakes PyTorch would reject are build errors.
    /// </summary>
    /// <example><code>
    /// [Linear(512, 1000)]   // nn.Linear(512, 1000)
    /// public partial class Classifier;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class LinearAttribute : LayerAttribute
    {
        /// <summary><c>nn.Linear(inFeatures, outFeatures)</c>.</summary>
        public LinearAttribute(int inFeatures, int outFeatures)
        {
            InFeatures = inFeatures;
            OutFeatures = outFeatures;
        }

        /// <summary><c>in_features</c>: the size of each input row.</summary>
        public int InFeatures { get; }

        /// <summary><c>out_features</c>: the size of each output row.</summary>
        public int OutFeatures { get; }

        /// <summary><c>bias</c> (default true): adds a learnable bias <c>(out)</c>.</summary>
        public bool Bias { get; set; } = true;

        /// <summary>An activation applied in the kernel's registers before the store, as <c>nn.Sequential(nn.Linear(...), nn.ReLU())</c>.</summary>
        public Activation Activation { get; set; }

        /// <summary><c>negative_slope</c> of <see cref="Activation.LeakyReLU"/> (default 0.01).</summary>
        public float NegativeSlope { get; set; } = 0.01f;
    }
}
