using SkiaSharp;

namespace Marketing.Reports.Tests.Support;

/// <summary>Decodes a PNG and measures whether it shows anything: a blank chart has (almost) no luminance variance.</summary>
public static class Png
{
    public static (int Width, int Height, double LuminanceStdDev, int DistinctColors) Measure(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("Not a decodable PNG.");
        double sum = 0, sumSq = 0;
        var colors = new HashSet<uint>();
        var n = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                var l = (0.2126 * c.Red) + (0.7152 * c.Green) + (0.0722 * c.Blue);
                sum += l;
                sumSq += l * l;
                n++;
                if (colors.Count < 10_000)
                {
                    colors.Add((uint)c);
                }
            }
        }

        var mean = sum / n;
        return (bitmap.Width, bitmap.Height, Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean))), colors.Count);
    }

    public static bool IsPng(byte[] bytes) => bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G';
}
