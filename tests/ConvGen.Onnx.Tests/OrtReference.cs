using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Onnx.Tests;

/// <summary>ONNX Runtime (CPU, all graph optimisations) running a model file on one input: the reference the imports are held to.</summary>
internal static class OrtReference
{
    public static float[] Run(string model, float[] input, long[] shape)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, new[] { session.InputMetadata.Keys.Single() }, new[] { value }, session.OutputMetadata.Keys.ToArray());
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The largest difference, and the largest reference magnitude it is judged against.</summary>
    public static (double MaxDiff, double Scale) Compare(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"lengths {expected.Length} and {actual.Length}");
        double diff = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(actual[i]) != float.IsNaN(expected[i])) return (double.PositiveInfinity, 1);
            diff = Math.Max(diff, Math.Abs((double)expected[i] - actual[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }

        return (diff, scale);
    }
}
