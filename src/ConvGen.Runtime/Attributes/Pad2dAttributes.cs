using System;

namespace ConvGen
{
    /// <summary>
    /// Generates a <c>torch.nn.ZeroPad2d</c> layer on the <c>partial class</c> it decorates: zeros around each (H, W) plane
    /// of NCHW input. Negative padding crops, as in PyTorch.
    /// </summary>
    /// <example><code>
    /// [ZeroPad2d(0, 1, 0, 1)]              // nn.ZeroPad2d((0, 1, 0, 1)): one column right, one row below
    /// public partial class PadBottomRight;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ZeroPad2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.ZeroPad2d(padding)</c>: the same padding on all four sides.</summary>
        public ZeroPad2dAttribute(int padding) => Padding = new[] { padding, padding, padding, padding };

        /// <summary><c>nn.ZeroPad2d((left, right, top, bottom))</c>, PyTorch's tuple order.</summary>
        public ZeroPad2dAttribute(int left, int right, int top, int bottom) => Padding = new[] { left, right, top, bottom };

        /// <summary><c>padding</c> as (left, right, top, bottom).</summary>
        public int[] Padding { get; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.ConstantPad2d</c> layer on the <c>partial class</c> it decorates: <c>value</c> around each
    /// (H, W) plane of NCHW input. Negative padding crops, as in PyTorch.
    /// </summary>
    /// <example><code>
    /// [ConstantPad2d(2, 3.5)]              // nn.ConstantPad2d(2, 3.5)
    /// public partial class Frame;
    /// [ConstantPad2d(new[] { 3, 0, 2, 1 }, -1)]   // nn.ConstantPad2d((3, 0, 2, 1), -1)
    /// public partial class Frame2;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ConstantPad2dAttribute : LayerAttribute
    {
        /// <summary>
        /// <c>nn.ConstantPad2d(padding, value)</c>: <paramref name="padding"/> is an <c>int</c> (all four sides) or
        /// <c>new[] { left, right, top, bottom }</c>; <paramref name="value"/> is rounded to float32, as PyTorch fills a
        /// float32 tensor.
        /// </summary>
        public ConstantPad2dAttribute(object padding, double value)
        {
            Padding = padding;
            Value = value;
        }

        /// <summary><c>padding</c>: an <c>int</c> or <c>new[] { left, right, top, bottom }</c>.</summary>
        public object Padding { get; }

        /// <summary><c>value</c>.</summary>
        public double Value { get; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.ReflectionPad2d</c> layer on the <c>partial class</c> it decorates: each (H, W) plane of NCHW
    /// input mirrored at its edges (the edge itself not repeated). Each padding must be smaller than the input size of its
    /// axis, as PyTorch requires; negative padding crops.
    /// </summary>
    /// <example><code>
    /// [ReflectionPad2d(3)]                 // nn.ReflectionPad2d(3), as in CycleGAN's generator
    /// public partial class Mirror;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReflectionPad2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.ReflectionPad2d(padding)</c>: an <c>int</c> (all four sides) or <c>new[] { left, right, top, bottom }</c>.</summary>
        public ReflectionPad2dAttribute(object padding) => Padding = padding;

        /// <summary><c>padding</c>: an <c>int</c> or <c>new[] { left, right, top, bottom }</c>.</summary>
        public object Padding { get; }
    }

    /// <summary>
    /// Generates a <c>torch.nn.ReplicationPad2d</c> layer on the <c>partial class</c> it decorates: each (H, W) plane of NCHW
    /// input extended by repeating its edge rows and columns; negative padding crops.
    /// </summary>
    /// <example><code>
    /// [ReplicationPad2d(new[] { 1, 2, 0, 1 })]   // nn.ReplicationPad2d((1, 2, 0, 1))
    /// public partial class Extend;
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReplicationPad2dAttribute : LayerAttribute
    {
        /// <summary><c>nn.ReplicationPad2d(padding)</c>: an <c>int</c> (all four sides) or <c>new[] { left, right, top, bottom }</c>.</summary>
        public ReplicationPad2dAttribute(object padding) => Padding = padding;

        /// <summary><c>padding</c>: an <c>int</c> or <c>new[] { left, right, top, bottom }</c>.</summary>
        public object Padding { get; }
    }
}
