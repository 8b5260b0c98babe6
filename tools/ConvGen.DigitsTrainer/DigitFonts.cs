using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SkiaSharp;

namespace ConvGen.DigitsTrainer
{
    /// <summary>One TrueType font that has all ten digits, with a short name for file names (<c>serif-bold</c>).</summary>
    internal sealed record DigitFont(string Path, string ShortName, SKTypeface Typeface);

    /// <summary>The fonts under /usr/share/fonts/truetype (every *.ttf that has the glyphs 0–9), in path order.</summary>
    internal static class DigitFonts
    {
        public const string Folder = "/usr/share/fonts/truetype";

        public static IReadOnlyList<DigitFont> Load(string folder = Folder)
        {
            string[] files = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.ttf", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();
            var fonts = new List<DigitFont>();
            foreach (string file in files)
            {
                SKTypeface? typeface = SKTypeface.FromFile(file);
                if (typeface is null) continue;
                using var probe = new SKFont(typeface, 12);
                if (!probe.ContainsGlyphs("0123456789"))
                {
                    typeface.Dispose();
                    continue;
                }

                fonts.Add(new DigitFont(file, ShortName(file), typeface));
            }

            if (fonts.Count == 0)
            {
                throw new InvalidOperationException(
                    $"No TrueType font with the digits 0-9 was found under {folder} (searched *.ttf recursively). " +
                    "Install one, e.g. `apt-get install fonts-dejavu-core`, and run again.");
            }

            return fonts;
        }

        /// <summary><c>DejaVuSansCondensed-BoldOblique.ttf</c> → <c>sans-condensed-bold-oblique</c>.</summary>
        internal static string ShortName(string file)
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(file);
            if (name.StartsWith("DejaVu", StringComparison.Ordinal) && name.Length > 6) name = name.Substring(6);
            name = name.Replace("TeX", "Tex", StringComparison.Ordinal);
            var s = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1])) s.Append('-');
                if (char.IsLetterOrDigit(c)) s.Append(char.ToLowerInvariant(c));
                else if (s.Length > 0 && s[^1] != '-') s.Append('-');
            }

            return s.ToString().Trim('-');
        }
    }
}
