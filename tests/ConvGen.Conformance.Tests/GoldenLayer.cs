using System;
using ConvGen;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// A generated golden twin of any rank behind one surface: its <see cref="ConvParameters"/> and a batched
/// <c>Forward</c> taking (depth, height, width) with the unit leading axes of <see cref="GoldenFile"/>. The factories
/// in GoldenLayers.g.cs wrap each <c>[Conv1d]</c>, <c>[Conv2d]</c>, <c>[Conv3d]</c> or <c>[ConvTranspose1d/2d/3d]</c>
/// layer with <see cref="Of(IConv1dLayer)"/> and its overloads, so the overload (and with it the interface) is chosen by
/// the compiler from the attribute.
/// </summary>
public sealed class GoldenLayer
{
    private readonly Action<float[], float[], int, int, int, int> forward;

    private GoldenLayer(object layer, int rank, ConvParameters parameters, Conv2dParameters? parameters2d,
        Action<float[], float[], int, int, int, int> forward)
    {
        Layer = layer;
        Rank = rank;
        Parameters = parameters;
        Parameters2d = parameters2d;
        this.forward = forward;
    }

    /// <summary>The generated layer.</summary>
    public object Layer { get; }

    /// <summary>1 for an <see cref="IConv1dLayer"/> or <see cref="IConvTranspose1dLayer"/>, 2 for 2-D, 3 for 3-D.</summary>
    public int Rank { get; }

    /// <summary>The layer's parameters (a Conv2d layer's <see cref="Conv2dParameters.Convolution"/>).</summary>
    public ConvParameters Parameters { get; }

    /// <summary>A Conv2d layer's own <see cref="Conv2dParameters"/>; null for the other ranks.</summary>
    public Conv2dParameters? Parameters2d { get; }

    public static GoldenLayer Of(IConv1dLayer layer) =>
        new(layer, 1, layer.Parameters, null, (x, y, n, d, h, w) => layer.Forward(x, y, n, w));

    public static GoldenLayer Of(IConv2dLayer layer) =>
        new(layer, 2, layer.Parameters.Convolution, layer.Parameters, (x, y, n, d, h, w) => layer.Forward(x, y, n, h, w));

    public static GoldenLayer Of(IConv3dLayer layer) =>
        new(layer, 3, layer.Parameters, null, (x, y, n, d, h, w) => layer.Forward(x, y, n, d, h, w));

    public static GoldenLayer Of(IConvTranspose1dLayer layer) =>
        new(layer, 1, layer.Parameters, null, (x, y, n, d, h, w) => layer.Forward(x, y, n, w));

    public static GoldenLayer Of(IConvTranspose2dLayer layer) =>
        new(layer, 2, layer.Parameters, null, (x, y, n, d, h, w) => layer.Forward(x, y, n, h, w));

    public static GoldenLayer Of(IConvTranspose3dLayer layer) =>
        new(layer, 3, layer.Parameters, null, (x, y, n, d, h, w) => layer.Forward(x, y, n, d, h, w));

    /// <summary>Runs the layer on a batch of (depth, height, width) inputs; unit leading axes for Conv1d/Conv2d.</summary>
    public void Forward(float[] input, float[] output, int batch, int depth, int height, int width) =>
        forward(input, output, batch, depth, height, width);
}
