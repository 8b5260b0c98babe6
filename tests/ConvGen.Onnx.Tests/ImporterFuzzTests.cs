using System;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using Xunit;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// The importer and the weight reader on mutated model files (bytes flipped, cut, inserted): each mutation imports,
/// or fails with <see cref="InvalidDataException"/> or <see cref="OnnxImportException"/> — never another exception,
/// a hang or a crash.
/// </summary>
public class ImporterFuzzTests
{
    private const int Mutations = 3000;

    /// <summary>A model with a bit of everything: residual, gate, idioms, pooling, flatten, Gemm.</summary>
    internal static byte[] Model()
    {
        var b = new OnnxBuilder("x", 1, 4, 8, 8);
        var c = b.Conv("x", 4, 8, 3, pad: 1);
        var pool = b.Node("GlobalAveragePool", new[] { c });
        var gate = b.Node("Sigmoid", new[] { b.Conv(b.Node("Relu", new[] { b.Conv(pool, 8, 2, 1) }), 2, 8, 1) });
        var se = b.Node("Mul", new[] { c, gate });
        var plus = b.Node("Add", new[] { se, b.Scalar("three", 3) });
        var six = b.Node("Div", new[] { b.Node("Clip", new[] { plus, b.Scalar("zero", 0), b.Scalar("six", 6) }), "six" });
        var hswish = b.Node("Mul", new[] { se, six });
        var sum = b.Node("Add", new[] { hswish, c });
        var max = b.Node("MaxPool", new[] { sum }, ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
        var shape = b.Node("Shape", new[] { max });
        var n = b.Node("Gather", new[] { shape, b.Ints("zero_index", 0) }, ("axis", 0L));
        var target = b.Node("Concat", new[] { b.Node("Unsqueeze", new[] { n, b.Ints("axes", 0) }), b.Ints("minus_one", -1) }, ("axis", 0L));
        var flat = b.Node("Reshape", new[] { max, target });
        var y = b.Node("Gemm", new[] { flat, b.Weight("fc", 0.1f, 3, 128), b.Weight("fc_bias", 0.1f, 3) }, ("transB", 1L));
        return b.Bytes(y);
    }

    [Fact]
    public void The_unmutated_model_imports()
    {
        string source = OnnxImporter.Import(Parse(Model()), "fuzz.onnx", "Net", null, null);
        Assert.Contains("[Linear(128, 3, Name = ", source);
        Assert.Contains("[Hardswish]", source);
    }

    [Fact]
    public void Mutated_models_import_or_fail_with_a_clear_error()
    {
        var original = Model();
        var random = new Random(2026);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < Mutations; i++)
        {
            var bytes = Mutate(original, random);
            string outcome;
            try
            {
                OnnxImporter.Import(Parse(bytes), "fuzz.onnx", "Net", null, null);
                outcome = "imported";
            }
            catch (Exception e) when (e is InvalidDataException or OnnxImportException)
            {
                outcome = e.GetType().Name;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"mutation {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.GetValueOrDefault("imported") > 0 && outcomes.Count >= 3, string.Join(", ", outcomes));
    }

    private static Schema.ModelProto Parse(byte[] bytes) => OnnxTensors.ParseModel(bytes, "fuzz.onnx");

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                default: bytes.Insert(at, (byte)random.Next(256)); break;
            }

            if (bytes.Count == 0) bytes.Add(0);
        }

        return bytes.ToArray();
    }
}

/// <summary>The run-time weight reader on mutated files: the class's constructor either loads or throws InvalidDataException.</summary>
public class WeightsFuzzTests
{
    [Fact]
    public void Mutated_files_load_or_throw_invalid_data()
    {
        var original = ImporterFuzzTests.Model();
        var model = OnnxTensors.ParseModel(original, "fuzz.onnx");
        string fingerprint = OnnxFingerprint.Of(model);
        var map = new[] { new OnnxTensorMap("l0.weight", "w0", new[] { 8, 4, 3, 3 }), new OnnxTensorMap("l0.bias", "b0", new[] { 8 }) };
        string path = Path.Combine(Path.GetTempPath(), $"convgen-fuzz-{Guid.NewGuid():N}.onnx");
        var random = new Random(7);
        int loaded = 0;
        try
        {
            for (int i = 0; i < 400; i++)
            {
                File.WriteAllBytes(path, i == 0 ? original : i % 2 == 0 ? ImporterFuzzTests.Mutate(original, random) : MutateWeights(original, random));
                try
                {
                    OnnxWeights.Open(path, "Net", fingerprint, map).Dispose();
                    loaded++;
                }
                catch (InvalidDataException)
                {
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"mutation {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(loaded > 1, $"only {loaded} of 400 loaded: the mutations never reach the weights");
    }

    /// <summary>A well-formed file whose graph is unchanged (same fingerprint) but one weight's stored data is not.</summary>
    private static byte[] MutateWeights(byte[] original, Random random)
    {
        var model = OnnxTensors.ParseModel(original, "fuzz.onnx");
        var tensor = model.Graph.Initializer[random.Next(2)];
        switch (random.Next(4))
        {
            case 0:
                int keep = random.Next(tensor.FloatData.Count + 2);
                while (tensor.FloatData.Count > keep) tensor.FloatData.RemoveAt(tensor.FloatData.Count - 1);
                while (tensor.FloatData.Count < keep) tensor.FloatData.Add(1f);
                break;
            case 1:
                tensor.FloatData.Clear();
                tensor.RawData = Google.Protobuf.ByteString.CopyFrom(new byte[random.Next(4 * 300)]);
                break;
            case 2:
                tensor.DataLocation = Schema.TensorProto.Types.DataLocation.External;
                break;
            default:
                tensor.FloatData[random.Next(tensor.FloatData.Count)] = float.NaN;
                break;
        }

        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }
}
