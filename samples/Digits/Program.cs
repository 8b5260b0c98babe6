// Reads handwriting-style digits with a LeNet-5 that was really trained (tools/ConvGen.DigitsTrainer, PyTorch): the
// network is declared below as nn.Sequential lists it, its weights are the state_dict PyTorch saved as safetensors.
//
//   dotnet run --project samples/Digits                   reads every PNG in images/
//   dotnet run --project samples/Digits -- my-digit.png   reads your own (28×28 gray, white digit on black, like MNIST)
using System;
using System.IO;
using System.Linq;
using ConvGen;
using Digits;

string folder = AppContext.BaseDirectory;
var network = new LeNet5(Path.Combine(folder, "lenet5-digits.safetensors"));
string[] files = args.Length > 0 ? args : Directory.GetFiles(Path.Combine(folder, "images"), "*.png").Order().ToArray();

var input = new float[LeNet5.InputLength];
var logits = new float[LeNet5.OutputLength];
int right = 0, labelled = 0;
foreach (string file in files)
{
    byte[] pixels = Png.ReadGray(file, out int width, out int height);
    if (width != LeNet5.InputWidth || height != LeNet5.InputHeight)
    {
        Console.WriteLine($"{Path.GetFileName(file)}: {width}×{height}, but the network reads {LeNet5.InputWidth}×{LeNet5.InputHeight} images; skipped");
        continue;
    }

    for (int i = 0; i < pixels.Length; i++) input[i] = pixels[i] / 255f; // as in training: no other normalisation
    network.Forward(input, logits, batch: 1);

    int digit = ArgMax(logits);
    float confidence = Softmax(logits)[digit];
    string name = Path.GetFileName(file);
    string verdict = "";
    if (char.IsDigit(name[0])) // the sample images are named after the digit they show
    {
        labelled++;
        right += name[0] - '0' == digit ? 1 : 0;
        verdict = name[0] - '0' == digit ? "  ✓" : $"  ✗ (it is a {name[0]})";
    }

    Console.WriteLine($"{name,-40} reads {digit}  ({confidence:P1}){verdict}");
}

if (labelled > 0) Console.WriteLine($"{right} of {labelled} read correctly");
return labelled > 0 && right < labelled ? 1 : 0;

static int ArgMax(ReadOnlySpan<float> values)
{
    int best = 0;
    for (int i = 1; i < values.Length; i++)
        if (values[i] > values[best]) best = i;
    return best;
}

static float[] Softmax(float[] logits)
{
    float max = logits.Max();
    var e = logits.Select(v => MathF.Exp(v - max)).ToArray();
    float sum = e.Sum();
    return e.Select(v => v / sum).ToArray();
}

/// <summary>LeNet-5: nn.Sequential(Conv2d(1, 6, 5, padding=2), ReLU(), MaxPool2d(2), Conv2d(6, 16, 5), ReLU(), MaxPool2d(2),
/// Flatten(), Linear(400, 120), ReLU(), Linear(120, 84), ReLU(), Linear(84, 10)); every shape is checked at build time.</summary>
[Sequential(InChannels = 1, InputHeight = 28, InputWidth = 28)]
[Conv2d(1, 6, 5, Padding = 2, Activation = Activation.ReLU)] [MaxPool2d(2)]
[Conv2d(6, 16, 5)] [ReLU] [MaxPool2d(2)]
[Flatten] [Linear(400, 120)] [ReLU] [Linear(120, 84)] [ReLU] [Linear(84, 10)]
public partial class LeNet5;
