using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Onnx.Schema;
using Google.Protobuf;

namespace ConvGen.Onnx.Tests;

/// <summary>Builds small ONNX models in code (the ONNX schema's own classes), with seeded random weights.</summary>
internal sealed class OnnxBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly Random _random = new(11);
    private int _count;

    public OnnxBuilder(string input, params long[] shape) : this(input, shape.Select(d => d > 0 ? new TensorShapeProto.Types.Dimension { DimValue = d } : new TensorShapeProto.Types.Dimension { DimParam = "d" + d }).ToArray())
    {
    }

    private OnnxBuilder(string input, TensorShapeProto.Types.Dimension[] dims)
    {
        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() } };
        type.TensorType.Shape.Dim.AddRange(dims);
        _graph.Input.Add(new ValueInfoProto { Name = input, Type = type });
    }

    public int Opset { get; set; } = 13;

    /// <summary>A float initializer of <paramref name="dims"/> with seeded values in ±<paramref name="scale"/>.</summary>
    public string Weight(string name, float scale, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        long count = dims.Aggregate(1L, (a, b) => a * b);
        for (long i = 0; i < count; i++) t.FloatData.Add((float)(((_random.NextDouble() * 2) - 1) * scale));
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>A float initializer of <paramref name="dims"/> with seeded values in <paramref name="center"/> ± <paramref name="spread"/>.</summary>
    public string Shifted(string name, float center, float spread, params long[] dims)
    {
        string n = Weight(name, spread, dims);
        var t = _graph.Initializer[_graph.Initializer.Count - 1];
        for (int i = 0; i < t.FloatData.Count; i++) t.FloatData[i] += center;
        return n;
    }

    public string Ints(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>A rank-0 INT64 initializer (PyTorch's exports index with these).</summary>
    public string IntScalar(string name, long value)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Int64Data.Add(value);
        _graph.Initializer.Add(t);
        return name;
    }

    public string Scalar(string name, float value)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.FloatData.Add(value);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node; returns its (first) output's name.</summary>
    public string Node(string op, string[] inputs, params (string Name, object Value)[] attributes)
    {
        string name = $"{op}_{_count++}";
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name + "_out");
        foreach (var (key, value) in attributes)
        {
            var a = new AttributeProto { Name = key };
            switch (value)
            {
                case long l: a.Type = AttributeProto.Types.AttributeType.Int; a.I = l; break;
                case int i: a.Type = AttributeProto.Types.AttributeType.Int; a.I = i; break;
                case float f: a.Type = AttributeProto.Types.AttributeType.Float; a.F = f; break;
                case string s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s); break;
                case long[] ls: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(ls); break;
                default: throw new ArgumentException(value.GetType().Name);
            }

            node.Attribute.Add(a);
        }

        _graph.Node.Add(node);
        return node.Output[0];
    }

    public string Conv(string x, long inC, long outC, long k, long stride = 1, long pad = 0, long group = 1)
    {
        string w = Weight($"w{_count}", 0.3f, outC, inC / group, k, k);
        string b = Weight($"b{_count}", 0.1f, outC);
        return Node("Conv", new[] { x, w, b }, ("strides", new[] { stride, stride }), ("pads", new[] { pad, pad, pad, pad }), ("group", group));
    }

    public ModelProto Model(string output)
    {
        _graph.Output.Clear();
        _graph.Output.Add(new ValueInfoProto { Name = output });
        var model = new ModelProto { IrVersion = 8, ProducerName = "OnnxBuilder", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    public byte[] Bytes(string output) => Model(output).ToByteArray();
}
