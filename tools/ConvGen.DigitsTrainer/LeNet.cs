using System;
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ConvGen.DigitsTrainer
{
    /// <summary>
    /// LeNet-5 as torch.nn lists it (the same modules and state_dict names as tools/ConvGen.Oracle/Layers/LeNetOracle.cs),
    /// trained with Adam on cross-entropy. Input: pixel / 255f, shape (N, 1, 28, 28), no other normalisation.
    /// </summary>
    internal static class LeNet
    {
        /// <summary>The state_dict names of the parameters, in module order.</summary>
        public static readonly string[] ParameterNames =
        {
            "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias",
        };

        public static Sequential Create() => nn.Sequential(
            ("0", nn.Conv2d(1, 6, 5, padding: 2)), ("1", nn.ReLU()), ("2", nn.MaxPool2d(2)),
            ("3", nn.Conv2d(6, 16, 5)), ("4", nn.ReLU()), ("5", nn.MaxPool2d(2)),
            ("6", nn.Flatten()),
            ("7", nn.Linear(400, 120)), ("8", nn.ReLU()),
            ("9", nn.Linear(120, 84)), ("10", nn.ReLU()),
            ("11", nn.Linear(84, 10)));

        /// <summary><paramref name="count"/> images of 784 bytes as the network's input: (N, 1, 28, 28) float, pixel / 255f.</summary>
        public static Tensor Input(ReadOnlySpan<byte> pixels, int count)
        {
            var x = new float[pixels.Length];
            for (int i = 0; i < x.Length; i++) x[i] = pixels[i] / 255f;
            return torch.tensor(x, new long[] { count, 1, DigitRenderer.Size, DigitRenderer.Size });
        }

        /// <summary>Trains <paramref name="model"/> for <paramref name="epochs"/> epochs in mini-batches of
        /// <paramref name="batch"/> (shuffled by <see cref="Rng"/>(seed)), learning rate <paramref name="lr"/> decayed by a cosine
        /// to 5 % over the run. Prints each epoch's mean loss and time.</summary>
        public static void Train(Sequential model, DigitSet set, int epochs, int batch, double lr, ulong seed)
        {
            using Tensor x = Input(set.Pixels, set.Count);
            using Tensor y = torch.tensor(Array.ConvertAll(set.Labels, v => (long)v));
            var optimizer = torch.optim.Adam(model.parameters(), lr);
            var loss = nn.CrossEntropyLoss();
            var shuffle = new Rng(seed, 0xE90C);
            int steps = (set.Count + batch - 1) / batch;
            int totalSteps = epochs * steps;
            int step = 0;
            model.train();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                long[] order = shuffle.Permutation(set.Count);
                double sum = 0;
                for (int s = 0; s < steps; s++, step++)
                {
                    using var scope = torch.NewDisposeScope();
                    double rate = lr * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps)));
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
                    int begin = s * batch;
                    int n = Math.Min(batch, set.Count - begin);
                    Tensor index = torch.tensor(order.AsSpan(begin, n).ToArray());
                    Tensor output = model.forward(x.index_select(0, index));
                    Tensor l = loss.forward(output, y.index_select(0, index));
                    optimizer.zero_grad();
                    l.backward();
                    optimizer.step();
                    sum += l.item<float>() * n;
                }

                Console.WriteLine($"  epoch {epoch + 1,2}/{epochs}: loss {sum / set.Count:F4}, {clock.Elapsed.TotalSeconds:F1} s");
            }

            model.eval();
        }

        /// <summary>The eval-mode logits (N, 10) of every image of <paramref name="set"/>, computed in batches of 500.</summary>
        public static float[] Logits(Sequential model, DigitSet set, int count)
        {
            model.eval();
            var logits = new float[count * 10];
            using var noGrad = torch.no_grad();
            for (int begin = 0; begin < count; begin += 500)
            {
                using var scope = torch.NewDisposeScope();
                int n = Math.Min(500, count - begin);
                Tensor output = model.forward(Input(set.Pixels.AsSpan(begin * DigitRenderer.Pixels, n * DigitRenderer.Pixels), n));
                output.data<float>().CopyTo(logits, begin * 10);
            }

            return logits;
        }

        /// <summary>The index of the largest of each row of 10 logits (the first on a tie, as torch.argmax).</summary>
        public static byte[] Predict(float[] logits)
        {
            var predicted = new byte[logits.Length / 10];
            for (int i = 0; i < predicted.Length; i++)
            {
                int best = 0;
                for (int k = 1; k < 10; k++)
                {
                    if (logits[i * 10 + k] > logits[i * 10 + best]) best = k;
                }

                predicted[i] = (byte)best;
            }

            return predicted;
        }
    }
}
