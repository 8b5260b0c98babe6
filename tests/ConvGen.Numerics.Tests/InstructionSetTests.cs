using System;
using System.Runtime.Intrinsics;
using Xunit;

namespace ConvGen.Numerics.Tests;

/// <summary>
/// .ci/run runs this project four times, under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0
/// besides the default. This checks that each knob really switched the widest accelerated vector, so every generated
/// kernel (Vector512, Vector256, Vector128, scalar) is the one the reference tests ran.
/// </summary>
public class InstructionSetTests
{
    [Fact]
    public void Each_knob_turns_off_the_vector_width_it_names()
    {
        static bool Off(string knob) => Environment.GetEnvironmentVariable("DOTNET_" + knob) == "0";
        if (Off("EnableHWIntrinsic")) Assert.False(Vector128.IsHardwareAccelerated, "scalar path expected");
        if (Off("EnableAVX2") || Off("EnableHWIntrinsic")) Assert.False(Vector256.IsHardwareAccelerated, "at most the 128-bit path expected");
        if (Off("EnableAVX512") || Off("EnableAVX2") || Off("EnableHWIntrinsic")) Assert.False(Vector512.IsHardwareAccelerated, "at most the AVX2 path expected");
        Console.WriteLine($"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}");
    }
}
