using Xunit;

namespace ConvGen.Onnx.Tests;

public class ResNet18Tests
{
    [Fact]
    public void Smoke()
    {
        var net = new ResNet18("models/ResNet18.onnx");
        var x = new float[ResNet18.InputLength];
        var y = new float[ResNet18.OutputLength];
        net.Forward(x, y, 1);
    }
}
