// ConvGen quickstart: four layers declared with [Conv2d], run on one image, each checked against a plain loop, an
// up-sampling [ConvTranspose2d] with a fused ReLU, and one layer run on every core.
//   dotnet run --project samples/Quickstart
using System;
using ConvGen;

var random = new Random(42);
float[] Random(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float)(random.NextDouble() * 2 - 1); return a; }

// An RGB image, 3 × 64 × 48 (CHW), values in [-1, 1].
const int H = 64, W = 48;
float[] image = Random(3 * H * W);

// 1. A strided stem: nn.Conv2d(3, 16, 3, stride=2, padding=1).
float[] stemWeight = Random(Stem.WeightLength), stemBias = Random(Stem.BiasLength); // PyTorch layout (16, 3, 3, 3), (16)
var stem = new Stem(stemWeight, stemBias);
int h1 = Stem.GetOutputHeight(H), w1 = Stem.GetOutputWidth(W);
var x1 = new float[Stem.OutChannels * h1 * w1];
stem.Forward(image, x1, H, W);
Report("stem", stem, stemWeight, stemBias, image, x1, 1, H, W);

// 2. A depthwise-separable block: depthwise 3×3 (groups = channels) then pointwise 1×1.
float[] dwWeight = Random(Depthwise.WeightLength), dwBias = Random(Depthwise.BiasLength);             // (16, 1, 3, 3), (16)
var depthwise = new Depthwise(dwWeight, dwBias);
var x2 = new float[Depthwise.OutChannels * Depthwise.GetOutputHeight(h1) * Depthwise.GetOutputWidth(w1)];
depthwise.Forward(x1, x2, h1, w1);
Report("depthwise", depthwise, dwWeight, dwBias, x1, x2, 1, h1, w1);

float[] pwWeight = Random(Pointwise.WeightLength);                                                  // (32, 16, 1, 1), no bias
var pointwise = new Pointwise(pwWeight);
var x3 = new float[Pointwise.OutChannels * h1 * w1];
pointwise.Forward(x2, x3, h1, w1);
Report("pointwise", pointwise, pwWeight, [], x2, x3, 1, h1, w1);

// 3. A Sobel edge filter with reflect padding and a compile-time input size, on a batch of 2 grey images.
float[] sobel = { -1, 0, 1, -2, 0, 2, -1, 0, 1,     -1, -2, -1, 0, 0, 0, 1, 2, 1 };
var edges = new Sobel(sobel);
var grey = new float[2 * Sobel.InputLength];
for (int i = 0; i < grey.Length; i++) grey[i] = (i % Sobel.InputWidth) < Sobel.InputWidth / 2 ? 0f : 1f; // a vertical edge
var gradients = new float[2 * Sobel.OutputLength];
edges.Forward(grey, gradients, batch: 2);
Report("sobel", edges, sobel, [], grey, gradients, 2, Sobel.InputHeight, Sobel.InputWidth);
Console.WriteLine($"sobel: x-gradient across the edge = {gradients[Sobel.OutputWidth / 2]} (expected 4), away from it = {gradients[1]} (expected 0)");

// 4. A decoder step: nn.ConvTranspose2d(32, 8, 4, stride=2, padding=1) then nn.ReLU(), fused: doubles H and W back.
float[] upWeight = Random(Up.WeightLength), upBias = Random(Up.BiasLength);                          // PyTorch layout (32, 8, 4, 4), (8)
var up = new Up(upWeight, upBias);
int h4 = Up.GetOutputHeight(h1), w4 = Up.GetOutputWidth(w1);
var x4 = new float[Up.OutChannels * h4 * w4];
up.Forward(x3, x4, h1, w1);
// Plain loop: every input pixel scatters its 4 × 4 window, stride 2, 1 cropped on each side; then ReLU.
var expected = new double[x4.Length];
for (int oc = 0; oc < Up.OutChannels; oc++) for (int i = 0; i < h4 * w4; i++) expected[oc * h4 * w4 + i] = upBias[oc];
for (int ic = 0; ic < Up.InChannels; ic++)
for (int ih = 0; ih < h1; ih++)
for (int iw = 0; iw < w1; iw++)
for (int oc = 0; oc < Up.OutChannels; oc++)
for (int kh = 0; kh < 4; kh++)
for (int kw = 0; kw < 4; kw++)
{
    int oh = ih * 2 + kh - 1, ow = iw * 2 + kw - 1;
    if (oh >= 0 && oh < h4 && ow >= 0 && ow < w4)
        expected[(oc * h4 + oh) * w4 + ow] += x3[(ic * h1 + ih) * w1 + iw] * upWeight[((ic * Up.OutChannels + oc) * 4 + kh) * 4 + kw];
}

// Float sums of 128 terms in another order: compare relative to the largest output (float32 keeps ~7 digits).
double upError = 0, upLargest = 0;
for (int i = 0; i < x4.Length; i++)
{
    upError = Math.Max(upError, Math.Abs(Math.Max(expected[i], 0) - x4[i]));
    upLargest = Math.Max(upLargest, Math.Abs(expected[i]));
}

bool upOk = upError <= 1e-5 * upLargest;
Console.WriteLine($"{"up",-10} {up.Parameters}");
Console.WriteLine($"{"",-10} input (1, 32, {h1}, {w1}) -> output (1, 8, {h4}, {w4}); max |ConvGen - plain loop| = {upError:E1} of outputs up to {upLargest:F1} {(upOk ? "OK" : "MISMATCH")}");
if (!upOk) Environment.ExitCode = 1;

// 5. Every core: Forward(..., threads) shares a call between this thread and ConvGen's worker threads and gives the same
//    output bit for bit (calls this small, under ~2 MFLOP per extra thread, stay on one thread).
var x1Threads = new float[x1.Length];
stem.Forward(image, x1Threads, 1, H, W, threads: Environment.ProcessorCount);
bool same = x1Threads.AsSpan().SequenceEqual(x1);
Console.WriteLine($"stem on {Environment.ProcessorCount} threads: {(same ? "same output as one thread" : "MISMATCH")}");
if (!same) Environment.ExitCode = 1;

static void Report(string name, IConv2dLayer layer, float[] weight, float[] bias, float[] input, float[] output, int batch, int height, int width)
{
    var p = layer.Parameters;
    int outH = p.OutputHeight(height), outW = p.OutputWidth(width);
    double maxError = 0;
    for (int n = 0; n < batch; n++)
    for (int oc = 0; oc < p.OutChannels; oc++)
    for (int oh = 0; oh < outH; oh++)
    for (int ow = 0; ow < outW; ow++)
    {
        int g = oc / p.OutChannelsPerGroup;
        double sum = bias.Length > 0 ? bias[oc] : 0;
        for (int ic = 0; ic < p.InChannelsPerGroup; ic++)
        for (int kh = 0; kh < p.KernelHeight; kh++)
        for (int kw = 0; kw < p.KernelWidth; kw++)
        {
            int ih = Pad(oh * p.StrideHeight + kh * p.DilationHeight - p.PaddingTop, height, p.PaddingMode);
            int iw = Pad(ow * p.StrideWidth + kw * p.DilationWidth - p.PaddingLeft, width, p.PaddingMode);
            if (ih < 0 || iw < 0) continue;
            int c = g * p.InChannelsPerGroup + ic;
            sum += weight[((oc * p.InChannelsPerGroup + ic) * p.KernelHeight + kh) * p.KernelWidth + kw]
                 * input[((n * p.InChannels + c) * height + ih) * width + iw];
        }

        maxError = Math.Max(maxError, Math.Abs(sum - output[((n * p.OutChannels + oc) * outH + oh) * outW + ow]));
    }

    Console.WriteLine($"{name,-10} {p}");
    Console.WriteLine($"{"",-10} input ({batch}, {p.InChannels}, {height}, {width}) -> output ({batch}, {p.OutChannels}, {outH}, {outW}); " +
                      $"max |ConvGen - plain loop| = {maxError:E1} {(maxError < 1e-4 ? "OK" : "MISMATCH")}");
    if (maxError >= 1e-4) Environment.ExitCode = 1;
}

// A plain-loop padding index: -1 reads a zero.
static int Pad(int i, int n, PaddingMode mode) =>
    i >= 0 && i < n ? i
    : mode == PaddingMode.Reflect ? (i < 0 ? -i : 2 * n - 2 - i)
    : mode == PaddingMode.Replicate ? Math.Clamp(i, 0, n - 1)
    : mode == PaddingMode.Circular ? (i < 0 ? i + n : i - n)
    : -1;

// The layers. Each line is the PyTorch module it is equivalent to.
[Conv2d(3, 16, 3, Stride = 2, Padding = 1)]                      // nn.Conv2d(3, 16, 3, stride=2, padding=1)
public partial class Stem;

[Conv2d(16, 16, 3, Padding = 1, Groups = 16)]                    // nn.Conv2d(16, 16, 3, padding=1, groups=16)
public partial class Depthwise;

[Conv2d(16, 32, 1, Bias = false)]                                 // nn.Conv2d(16, 32, 1, bias=False)
public partial class Pointwise;

[ConvTranspose2d(32, 8, 4, Stride = 2, Padding = 1, Activation = Activation.ReLU)] // nn.ConvTranspose2d(32, 8, 4, stride=2, padding=1) + nn.ReLU()
public partial class Up;

// nn.Conv2d(1, 2, 3, padding=1, padding_mode='reflect', bias=False), for 32 × 32 inputs only (sizes become constants).
[Conv2d(1, 2, 3, Padding = 1, PaddingMode = PaddingMode.Reflect, Bias = false, InputHeight = 32, InputWidth = 32)]
public partial class Sobel;
