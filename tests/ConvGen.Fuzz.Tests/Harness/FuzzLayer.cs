using System;
using System.Runtime.InteropServices;

namespace ConvGen.Fuzz.Tests.Harness;

/// <summary>
/// A generated layer of any rank behind one call: <see cref="IConv1dLayer"/>, <see cref="IConv2dLayer"/> or
/// <see cref="IConv3dLayer"/>, with the input size as an array in PyTorch's order ((L), (H, W), (D, H, W)).
/// </summary>
internal sealed class FuzzLayer
{
    private readonly IConv1dLayer? _one;
    private readonly IConv2dLayer? _two;
    private readonly IConv3dLayer? _three;

    public FuzzLayer(object layer)
    {
        _one = layer as IConv1dLayer;
        _two = layer as IConv2dLayer;
        _three = layer as IConv3dLayer;
        int kinds = (_one is null ? 0 : 1) + (_two is null ? 0 : 1) + (_three is null ? 0 : 1);
        if (kinds != 1) throw new InvalidOperationException($"{layer.GetType()} implements {kinds} of IConv1dLayer, IConv2dLayer, IConv3dLayer.");
        Rank = _one is not null ? 1 : _two is not null ? 2 : 3;
    }

    public int Rank { get; }

    /// <summary>The layer's <c>Parameters</c> as text: the PyTorch call and the activation.</summary>
    public string ParametersText => Rank switch
    {
        1 => _one!.Parameters.ToString(),
        2 => _two!.Parameters.ToString(),
        _ => _three!.Parameters.ToString(),
    };

    /// <summary>The layer's parameters as an N-d convolution.</summary>
    public ConvParameters Convolution => Rank switch
    {
        1 => _one!.Parameters,
        2 => _two!.Parameters.Convolution,
        _ => _three!.Parameters,
    };

    /// <summary>The overload without a thread count.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int[] size)
    {
        switch (Rank)
        {
            case 1: _one!.Forward(input, output, batch, size[0]); break;
            case 2: _two!.Forward(input, output, batch, size[0], size[1]); break;
            default: _three!.Forward(input, output, batch, size[0], size[1], size[2]); break;
        }
    }

    /// <summary>The overload with a thread count.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int[] size, int threads)
    {
        switch (Rank)
        {
            case 1: _one!.Forward(input, output, batch, size[0], threads); break;
            case 2: _two!.Forward(input, output, batch, size[0], size[1], threads); break;
            default: _three!.Forward(input, output, batch, size[0], size[1], size[2], threads); break;
        }
    }

    /// <summary>Bit for bit equal (+0 and −0 differ, NaNs must have the same payload), unlike float's Equals.</summary>
    public static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.Cast<float, int>(a).SequenceEqual(MemoryMarshal.Cast<float, int>(b));
}
