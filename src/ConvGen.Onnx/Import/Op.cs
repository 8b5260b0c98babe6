using System.Collections.Generic;

namespace ConvGen.Onnx.Import
{
    /// <summary>What an <see cref="Op"/> is to the network: a ConvGen layer, or a merge of two or more values.</summary>
    internal enum OpKind
    {
        /// <summary>A ConvGen layer attribute with one input (<see cref="Op.Attribute"/>).</summary>
        Layer,

        /// <summary>The sum of two values (a residual).</summary>
        Add,

        /// <summary>The product of two values (a squeeze-and-excitation gate, or x·hardsigmoid(x) before rewriting).</summary>
        Multiply,

        /// <summary>Values joined along the channels.</summary>
        Concat,

        /// <summary>A scalar arithmetic step (x + c, x · c, x / c, clamp) only the activation idioms use; none survives rewriting.</summary>
        Scalar,
    }

    /// <summary>A tensor a layer reads: its state_dict suffix, the ONNX tensor, the shape the layer wants, transposed or not.</summary>
    internal sealed record TensorRef(string Suffix, string Source, int[] Shape, bool Transpose = false);

    /// <summary>
    /// One step of the imported graph on runtime values (constants folded away): a ConvGen layer attribute, a merge, or a
    /// scalar step of an activation idiom. Its output's per-sample shape is <see cref="Shape"/>.
    /// </summary>
    internal sealed class Op
    {
        public Op(string node, OpKind kind, string[] inputs, string output, int[] shape)
        {
            Node = node;
            Kind = kind;
            Inputs = inputs;
            Output = output;
            Shape = shape;
        }

        /// <summary>The ONNX node it comes from, as messages and comments name it.</summary>
        public string Node { get; }

        public OpKind Kind { get; set; }

        /// <summary>The runtime values it reads.</summary>
        public string[] Inputs { get; set; }

        public string Output { get; }

        /// <summary>The output's shape for one sample: (C, H, W) or (F).</summary>
        public int[] Shape { get; }

        /// <summary>For a layer: the attribute without brackets and without <c>Name</c> (<c>Conv2d(3, 64, 7, Stride = 2)</c>).</summary>
        public string? Attribute { get; set; }

        /// <summary>For a layer that is an activation: the <c>Activation</c> value a residual block can run after its sum.</summary>
        public string? Activation { get; set; }

        /// <summary>For a scalar step: "add", "mul", "div" or "clip", and its constants.</summary>
        public string? Scalar { get; set; }

        public float A { get; set; }

        public float B { get; set; }

        public List<TensorRef> Tensors { get; } = new();

        public override string ToString() => $"{Node}: {Attribute ?? Kind.ToString()} ({string.Join(", ", Inputs)}) → {Output}";
    }
}
