// ImageSimilarity: a trained ONNX model turned into a ConvGen class at build time (the ConvGenModel items in the
// csproj), used as an image feature extractor. Each picture goes through the model's own preprocessing (RGB → BGR, minus
// the ImageNet mean image) and ResNet-18's convolutions to 512 features; pictures of the same scene get features that
// point the same way (cosine similarity near 1), different scenes less so.
using System;
using System.IO;
using System.Linq;
using ImageSimilarity;

string models = Path.Combine(AppContext.BaseDirectory, "models");
var preprocess = new ResNetPreprocess(Path.Combine(models, "ResNetPreprocess.onnx"));
var resnet = new ResNet18(Path.Combine(models, "ResNet18.onnx"));

int count = Scenes.All.Length;
var images = Scenes.All.SelectMany(s => Scenes.Draw(s.Pixel)).ToArray();   // (count, 3, 224, 224)
var input = new float[images.Length];
var features = new float[count * ResNet18.OutputLength];                   // (count, 512, 1, 1)
preprocess.Forward(images, input, count);
resnet.Forward(input, features, count, threads: Environment.ProcessorCount);

double Cosine(int a, int b)
{
    var x = features.AsSpan(a * ResNet18.OutputLength, ResNet18.OutputLength);
    var y = features.AsSpan(b * ResNet18.OutputLength, ResNet18.OutputLength);
    double dot = 0, xx = 0, yy = 0;
    for (int i = 0; i < x.Length; i++)
    {
        dot += (double)x[i] * y[i];
        xx += (double)x[i] * x[i];
        yy += (double)y[i] * y[i];
    }

    return dot / Math.Sqrt(xx * yy);
}

Console.WriteLine($"Cosine similarity of ResNet-18 features ({ResNet18.OutputLength} per image):");
Console.WriteLine();
int width = Scenes.All.Max(s => s.Name.Length);
Console.WriteLine(new string(' ', width) + string.Concat(Enumerable.Range(0, count).Select(i => $"  [{i}] ")));
for (int a = 0; a < count; a++)
    Console.WriteLine(Scenes.All[a].Name.PadRight(width) + string.Concat(Enumerable.Range(0, count).Select(b => $" {Cosine(a, b),5:F3} ")) + $" [{a}]");

Console.WriteLine();
int right = 0;
for (int a = 0; a < count; a++)
{
    int nearest = Enumerable.Range(0, count).Where(b => b != a).MaxBy(b => Cosine(a, b));
    bool same = nearest / 2 == a / 2;   // the scenes come in pairs
    right += same ? 1 : 0;
    Console.WriteLine($"{Scenes.All[a].Name,-24} is most like {Scenes.All[nearest].Name,-24} ({Cosine(a, nearest):F3}){(same ? "" : "  ← not its pair")}");
}

Console.WriteLine();
Console.WriteLine($"{right} of {count} pictures are most like the other picture of their scene.");
return right == count ? 0 : 1;
