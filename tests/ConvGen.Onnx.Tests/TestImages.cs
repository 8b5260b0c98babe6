using System;

namespace ConvGen.Onnx.Tests;

/// <summary>
/// Inputs for the image models: real-looking pictures drawn here (a sunset gradient, a checkerboard, a disc on a
/// background, stripes; RGB in 0–255, planar, as ML.NET's image loader gives them) and seeded noise.
/// </summary>
internal static class TestImages
{
    public static readonly string[] Kinds = { "gradient", "checker", "disc", "stripes", "noise" };

    public static float[] Rgb(string kind, int height, int width, int seed = 1)
    {
        var image = new float[3 * height * width];
        var random = new Random(seed);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / width, v = (double)y / height;
                (double r, double g, double b) = kind switch
                {
                    "gradient" => (255 * (1 - v), 120 + (100 * u), 255 * v),
                    "checker" => ((x / 28 + y / 28) % 2 == 0 ? (240.0, 240.0, 240.0) : (20.0, 30.0, 40.0)),
                    "disc" => (Math.Pow(u - 0.5, 2) + Math.Pow(v - 0.45, 2) < 0.08 ? (220.0, 60.0, 30.0) : (40.0, 110.0 + (60 * v), 200.0)),
                    "stripes" => (128 + (127 * Math.Sin(u * 40)), 128 + (127 * Math.Sin((u + v) * 25)), 90.0),
                    _ => (random.NextDouble() * 255, random.NextDouble() * 255, random.NextDouble() * 255),
                };
                int at = (y * width) + x, plane = height * width;
                image[at] = (float)r;
                image[plane + at] = (float)g;
                image[(2 * plane) + at] = (float)b;
            }
        }

        return image;
    }

    /// <summary>Seeded uniform values in [-<paramref name="scale"/>, <paramref name="scale"/>).</summary>
    public static float[] Uniform(int length, int seed, float scale)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        return values;
    }
}
