using System;

namespace ImageSimilarity;

/// <summary>
/// Pictures drawn here, 224×224 RGB in 0–255 (planar, as the preprocessing model takes them): a few scenes, each in two
/// variants (moved, recoloured, rescaled), so that "similar" has a meaning the features can be checked against.
/// </summary>
internal static class Scenes
{
    public const int Size = 224;

    public static readonly (string Name, Func<double, double, (double R, double G, double B)> Pixel)[] All =
    {
        ("sun over sea", (u, v) => SunOverSea(u, v, sun: 0.35, horizon: 0.55)),
        ("sun over sea, later", (u, v) => SunOverSea(u, v, sun: 0.62, horizon: 0.6)),
        ("checkerboard", (u, v) => Checker(u, v, 8)),
        ("checkerboard, finer", (u, v) => Checker(u, v, 11)),
        ("red ball on grass", (u, v) => Ball(u, v, 0.45, 0.5, 0.22, (210, 40, 30))),
        ("orange ball on grass", (u, v) => Ball(u, v, 0.6, 0.42, 0.18, (230, 120, 20))),
    };

    public static float[] Draw(Func<double, double, (double R, double G, double B)> pixel)
    {
        var image = new float[3 * Size * Size];
        const int plane = Size * Size;
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                var (r, g, b) = pixel((x + 0.5) / Size, (y + 0.5) / Size);
                int at = (y * Size) + x;
                image[at] = (float)Math.Clamp(r, 0, 255);
                image[plane + at] = (float)Math.Clamp(g, 0, 255);
                image[(2 * plane) + at] = (float)Math.Clamp(b, 0, 255);
            }
        }

        return image;
    }

    private static (double, double, double) SunOverSea(double u, double v, double sun, double horizon)
    {
        if (Math.Pow(u - sun, 2) + Math.Pow(v - (horizon - 0.15), 2) < 0.01) return (255, 220, 120);
        if (v < horizon) return (250 - (60 * v), 150 - (80 * v), 90 + (120 * v));
        double wave = 12 * Math.Sin((u * 60) + (v * 90));
        return (30 + wave, 70 + (60 * v) + wave, 140 + (40 * v));
    }

    private static (double, double, double) Checker(double u, double v, int squares) =>
        ((int)(u * squares) + (int)(v * squares)) % 2 == 0 ? (235, 235, 225) : (25, 25, 35);

    private static (double, double, double) Ball(double u, double v, double cx, double cy, double radius, (double R, double G, double B) color)
    {
        double d = Math.Sqrt(Math.Pow(u - cx, 2) + Math.Pow(v - cy, 2));
        if (d < radius)
        {
            double light = 1.1 - (0.6 * d / radius);
            return (color.R * light, color.G * light, color.B * light);
        }

        double blade = 20 * Math.Sin(u * 300) * Math.Sin(v * 170);
        return (50 + blade, 140 + (50 * v) + blade, 40);
    }
}
