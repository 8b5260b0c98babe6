using System;
using System.Collections.Generic;
using SkiaSharp;

namespace ConvGen.DigitsTrainer
{
    /// <summary>
    /// Renders MNIST-like digits: 28×28, 8-bit, white digit on black. Each image is drawn from its own random stream
    /// (<see cref="Rng"/>(seed, index)), so a set is the same for a given seed whatever the order or count of renders.
    /// Variation per image: the font, digit height 14–22 px, horizontal scale 0.8–1.2, shear ±0.15, rotation ±15°,
    /// stroke added around the glyph 0–1.5 px (thicker digits), a Gaussian blur of sigma 0–0.9 px, the digit's
    /// centre moved up to ±3 px (kept inside the frame), peak brightness 0.75–1 and pixel noise of sigma 0–12 levels.
    /// </summary>
    internal sealed class DigitRenderer : IDisposable
    {
        public const int Size = 28;
        public const int Pixels = Size * Size;

        /// <summary>The font size at which glyph outlines are taken before they are scaled to the digit height.</summary>
        private const float OutlineSize = 200f;

        private readonly IReadOnlyList<DigitFont> _fonts;
        private readonly SKPath[][] _outlines; // [font][digit], at OutlineSize
        private readonly SKBitmap _bitmap = new(new SKImageInfo(Size, Size, SKColorType.Alpha8, SKAlphaType.Premul));
        private readonly SKCanvas _canvas;

        public DigitRenderer(IReadOnlyList<DigitFont> fonts)
        {
            _fonts = fonts;
            _outlines = new SKPath[fonts.Count][];
            for (int f = 0; f < fonts.Count; f++)
            {
                using var font = new SKFont(fonts[f].Typeface, OutlineSize);
                _outlines[f] = new SKPath[10];
                for (int d = 0; d < 10; d++) _outlines[f][d] = font.GetTextPath(d.ToString(System.Globalization.CultureInfo.InvariantCulture), new SKPoint(0, 0));
            }

            _canvas = new SKCanvas(_bitmap);
        }

        public IReadOnlyList<DigitFont> Fonts => _fonts;

        /// <summary>Image <paramref name="index"/> of the set <paramref name="seed"/>: its digit (uniform), font (uniform)
        /// and pixels written to <paramref name="pixels"/> (784 bytes, row-major).</summary>
        public (int Digit, int Font) Render(ulong seed, int index, Span<byte> pixels)
        {
            var rng = new Rng(seed, (ulong)index);
            int digit = rng.NextInt(10);
            int font = rng.NextInt(_fonts.Count);
            RenderDigit(digit, font, rng, pixels);
            return (digit, font);
        }

        /// <summary>Digit <paramref name="digit"/> in font <paramref name="font"/>, the rest of the variation drawn from <paramref name="rng"/>.</summary>
        public void RenderDigit(int digit, int font, Rng rng, Span<byte> pixels)
        {
            if (pixels.Length != Pixels) throw new ArgumentException($"pixels must hold {Pixels} bytes, not {pixels.Length}.", nameof(pixels));
            double height = rng.Uniform(14, 22);
            double scaleX = rng.Uniform(0.8, 1.2);
            double shear = rng.Uniform(-0.15, 0.15);
            double angle = rng.Uniform(-15, 15);
            double stroke = rng.Chance(0.4) ? 0 : rng.Uniform(0, 1.5);
            double blur = rng.Chance(0.3) ? 0 : rng.Uniform(0.2, 0.9);
            double dx = rng.Uniform(-3, 3);
            double dy = rng.Uniform(-3, 3);
            double peak = rng.Chance(0.5) ? 1 : rng.Uniform(0.75, 1);
            double noise = rng.Chance(0.3) ? 0 : rng.Uniform(0, 12);

            SKPath outline = _outlines[font][digit];
            SKRect b = outline.TightBounds;
            float s = (float)(height / b.Height);
            SKMatrix m = SKMatrix.CreateTranslation(-b.MidX, -b.MidY)
                .PostConcat(SKMatrix.CreateScale(s * (float)scaleX, s))
                .PostConcat(SKMatrix.CreateSkew((float)shear, 0))
                .PostConcat(SKMatrix.CreateRotationDegrees((float)angle));
            using var path = new SKPath();
            outline.Transform(m, path);

            // Centre the drawn digit (its bounds after the transform, plus half the added stroke), then move it, keeping it inside.
            SKRect t = path.TightBounds;
            float half = (float)(stroke / 2);
            float x = Size / 2f - t.MidX + Clamp((float)dx, t.Width / 2 + half - Size / 2f);
            float y = Size / 2f - t.MidY + Clamp((float)dy, t.Height / 2 + half - Size / 2f);
            path.Transform(SKMatrix.CreateTranslation(x, y));

            using var paint = new SKPaint
            {
                IsAntialias = true,
                Color = SKColors.White,
                Style = stroke > 0 ? SKPaintStyle.StrokeAndFill : SKPaintStyle.Fill,
                StrokeWidth = (float)stroke,
                StrokeJoin = SKStrokeJoin.Round,
                MaskFilter = blur > 0 ? SKMaskFilter.CreateBlur(SKBlurStyle.Normal, (float)blur) : null,
            };
            _canvas.Clear(SKColors.Transparent);
            _canvas.DrawPath(path, paint);
            _canvas.Flush();

            ReadOnlySpan<byte> drawn = _bitmap.GetPixelSpan();
            int rowBytes = _bitmap.RowBytes;
            for (int r = 0; r < Size; r++)
            {
                for (int c = 0; c < Size; c++)
                {
                    double v = drawn[r * rowBytes + c] * peak;
                    if (noise > 0) v += noise * rng.Gaussian();
                    pixels[r * Size + c] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
            }

            paint.MaskFilter?.Dispose();
        }

        /// <summary>The offset <paramref name="d"/> limited so that a digit reaching <paramref name="overhang"/> px past
        /// the frame's half-size when centred stays inside (no limit left: 0).</summary>
        private static float Clamp(float d, float overhang)
        {
            float room = Math.Max(0, -overhang);
            return Math.Clamp(d, -room, room);
        }

        public void Dispose()
        {
            _canvas.Dispose();
            _bitmap.Dispose();
            foreach (SKPath[] paths in _outlines)
            {
                foreach (SKPath p in paths) p.Dispose();
            }
        }
    }
}
