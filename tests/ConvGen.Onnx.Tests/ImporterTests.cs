using System;
using System.IO;
using ConvGen.Onnx.Schema;
using Xunit;

namespace ConvGen.Onnx.Tests;

/// <summary>The importer on small models built in code: what each construct becomes, and each error's message.</summary>
public class ImporterTests
{
    private static string Import(OnnxBuilder b, string output, int[]? shape = null) =>
        OnnxImporter.Import(b.Model(output), "test.onnx", "Net", "Tests", shape);

    /// <summary>Asserts <paramref name="source"/> holds <paramref name="text"/>, showing the whole source when not.</summary>
    private static void Has(string source, string text) => Assert.True(source.Contains(text, StringComparison.Ordinal), $"not found: {text}\n{source}");

    private static OnnxImportException Fails(OnnxBuilder b, string output, int[]? shape = null) =>
        Assert.Throws<OnnxImportException>(() => Import(b, output, shape));

    [Fact]
    public void An_unsupported_operator_is_an_error_naming_the_node_and_the_operator()
    {
        var b = new OnnxBuilder("x", 1, 3, 8, 8);
        var y = b.Node("LRN", new[] { b.Conv("x", 3, 4, 3) }, ("size", 3L));
        var e = Fails(b, y);
        Assert.Contains("LRN_", e.Message);
        Assert.Contains("operator LRN is not supported", e.Message);
    }

    [Fact]
    public void A_dynamic_input_needs_InputShape_which_then_fixes_it()
    {
        var b = new OnnxBuilder("x", 1, 3, -1, -2);
        var y = b.Conv("x", 3, 4, 3, pad: 1);
        Assert.Contains("is dynamic (\"d-1\"); set InputShape", Fails(b, y).Message);
        string source = Import(b, y, new[] { 3, 48, 192 });
        Has(source, "[Sequential(InChannels = 3, InputHeight = 48, InputWidth = 192)]");
        Assert.Contains("InputShape fixes dimension 1 of \"x\" to 4 but the model fixes it to 3", Fails(b, y, new[] { 4, 48, 192 }).Message);
    }

    [Fact]
    public void Algorithm_Winograd_is_set_on_the_network_and_an_unknown_algorithm_is_refused()
    {
        var b = new OnnxBuilder("x", 1, 3, 8, 8);
        var y = b.Conv("x", 3, 4, 3, pad: 1);
        Assert.DoesNotContain("Algorithm", Import(b, y));
        string source = OnnxImporter.Import(b.Model(y), "test.onnx", "Net", "Tests", null, OnnxImporter.ParseAlgorithm("winograd"));
        Has(source, "[Sequential(InChannels = 3, InputHeight = 8, InputWidth = 8, Algorithm = ConvAlgorithm.Winograd)]");
        Has(source, "--algorithm Winograd");
        Assert.Equal(ConvAlgorithm.Direct, OnnxImporter.ParseAlgorithm(""));
        var e = Assert.Throws<ArgumentException>(() => OnnxImporter.ParseAlgorithm("fast"));
        Assert.Contains("Algorithm \"fast\" is not one of Direct, Winograd", e.Message);
    }

    [Fact]
    public void Hard_swish_and_SiLU_written_in_arithmetic_become_their_layers()
    {
        var b = new OnnxBuilder("x", 1, 4, 8, 8);
        var c = b.Conv("x", 4, 4, 3, pad: 1);
        var plus = b.Node("Add", new[] { c, b.Scalar("three", 3) });
        var clip = b.Node("Clip", new[] { plus, b.Scalar("zero", 0), b.Scalar("six", 6) });
        var times = b.Node("Mul", new[] { c, clip });
        var hswish = b.Node("Div", new[] { times, "six" });
        var s = b.Node("Sigmoid", new[] { hswish });
        var silu = b.Node("Mul", new[] { hswish, s });
        string source = Import(b, silu);
        Has(source, "[Hardswish] // Div_");
        Has(source, "[SiLU] // Mul_");
        Assert.DoesNotContain("Block", source);
    }

    [Fact]
    public void A_gate_becomes_a_squeeze_excitation_block_and_a_residual_sum_a_residual_block()
    {
        var b = new OnnxBuilder("x", 1, 8, 6, 6);
        var x = b.Conv("x", 8, 8, 3, pad: 1);
        var pool = b.Node("GlobalAveragePool", new[] { x });
        var fc1 = b.Node("Relu", new[] { b.Conv(pool, 8, 2, 1) });
        var gate = b.Node("HardSigmoid", new[] { b.Conv(fc1, 2, 8, 1) }, ("alpha", 1f / 6), ("beta", 0.5f));
        var se = b.Node("Mul", new[] { x, gate });
        var sum = b.Node("Add", new[] { se, x });
        var y = b.Node("Relu", new[] { sum });
        string source = Import(b, y);
        Has(source, "[Residual(Activation = Activation.ReLU)]");
        Has(source, "[SqueezeExcitation]");
        Has(source, "[Hardsigmoid]");
    }

    [Fact]
    public void Branches_joined_by_Concat_become_a_concat_block()
    {
        var b = new OnnxBuilder("x", 1, 4, 8, 8);
        var a = b.Conv("x", 4, 2, 1);
        var c = b.Conv(b.Conv("x", 4, 3, 1), 3, 5, 3, pad: 1);
        var y = b.Node("Concat", new[] { a, c }, ("axis", 1L));
        string source = Import(b, y);
        Has(source, "[Concat(typeof(Block0Branch0), typeof(Block0Branch1))]");
        Has(source, "new(\"b0.l0.weight\"");
    }

    [Fact]
    public void Preprocessing_at_the_start_runs_before_the_network()
    {
        var b = new OnnxBuilder("x", 1, 3, 8, 8);
        var scaled = b.Node("Div", new[] { "x", b.Scalar("max", 255) });
        var centered = b.Node("Sub", new[] { scaled, b.Weight("mean", 0.5f, 1, 3, 1, 1) });
        var y = b.Conv(centered, 3, 4, 3, pad: 1);
        string source = Import(b, y);
        Has(source, "new(\"div\", \"input.0\", new int[0]), // Div_0");
        Has(source, "new(\"sub\", \"input.1\", new[] { 1, 3, 1, 1 }), // Sub_1");
        Has(source, "_prologue.Run(input.Slice(n * InputLength, count * InputLength), x);");
        Has(source, "[Conv2d(3, 4, 3, Padding = 1, Name = \"l0\")] // Conv_2");
    }

    [Fact]
    public void Gemm_without_transB_reads_its_weight_transposed()
    {
        var b = new OnnxBuilder("x", 1, 6);
        var y = b.Node("Gemm", new[] { "x", b.Weight("W", 1, 6, 3), b.Weight("C", 1, 3) });
        string source = Import(b, y);
        Has(source, "[Linear(6, 3, Name = \"l0\")]");
        Has(source, "new(\"l0.weight\", \"W\", new[] { 3, 6 }, Transpose: true)");
    }

    [Fact]
    public void Asymmetric_pads_become_symmetric_when_the_windows_agree_and_a_pad_layer_when_not()
    {
        var b = new OnnxBuilder("x", 1, 2, 8, 8);
        var w = b.Weight("W", 1, 2, 2, 3, 3);
        // 8 + 1 + 0 − 3 = 6 and 8 + 1 + 1 − 3 = 7, /2 → 3: 4 windows either way, so pads (1, 0) read as Padding = 1.
        var same = b.Node("Conv", new[] { "x", w }, ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 0, 0 }));
        // 4 + 0 + 2 − 3 = 3 → 4 windows; symmetric 0 gives 2: a ZeroPad2d(0, 2, 0, 2) first.
        var other = b.Node("Conv", new[] { same, w }, ("pads", new long[] { 0, 0, 2, 2 }));
        var pool = b.Node("MaxPool", new[] { other }, ("kernel_shape", new long[] { 2, 2 }), ("pads", new long[] { 0, 0, 1, 1 }));
        string source = Import(b, pool);
        Has(source, "[Conv2d(2, 2, 3, Stride = 2, Padding = 1, Bias = false, Name = \"l0\")]");
        Has(source, "[ZeroPad2d(0, 2, 0, 2)]");
        Has(source, "[ConstantPad2d(new[] { 0, 1, 0, 1 }, double.NegativeInfinity)]");
        Has(source, "[MaxPool2d(2, Stride = 1)]");
    }

    [Theory]
    [InlineData("HardSigmoid", "is not PyTorch's hardsigmoid")]
    [InlineData("Clip", "Clip to [-1, 1] is not supported")]
    [InlineData("AveragePool", "has no PyTorch equivalent")]
    [InlineData("Sub", "Sub of two computed tensors is not supported")]
    [InlineData("Reshape", "only flattening each sample is")]
    [InlineData("Cross", "the branches it joins share layers")]
    public void What_ConvGen_cannot_run_exactly_is_an_error(string what, string message)
    {
        var b = new OnnxBuilder("x", 1, 2, 6, 6);
        var c = b.Conv("x", 2, 2, 1);
        string y = what switch
        {
            "HardSigmoid" => b.Node("HardSigmoid", new[] { c }),
            "Clip" => b.Node("Clip", new[] { c, b.Scalar("lo", -1), b.Scalar("hi", 1) }),
            "AveragePool" => b.Node("AveragePool", new[] { c }, ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 0, 0, 2, 2 })),
            "Sub" => b.Node("Sub", new[] { c, "x" }),
            "Reshape" => b.Node("Reshape", new[] { c, b.Ints("shape", 1, 2, 36) }),
            _ => b.Node("Add", new[] { b.Node("Add", new[] { b.Conv(c, 2, 2, 1), b.Node("Relu", new[] { "x" }) }), c }),
        };
        Assert.Contains(message, Fails(b, y).Message);
    }

    [Fact]
    public void A_tensor_whose_stored_size_disagrees_with_its_shape_is_invalid_data()
    {
        var b = new OnnxBuilder("x", 1, 2, 4, 4);
        var y = b.Conv("x", 2, 2, 3);
        var model = b.Model(y);
        model.Graph.Initializer[0].Dims[0] = 3;
        var e = Assert.Throws<InvalidDataException>(() => OnnxImporter.Import(model, "test.onnx", "Net", null, null));
        Has(e.Message, "needs 54 float_data values but the file holds 36");
    }
}
