using System.Globalization;
using System.Text;
using Marketing.Synth.Catalog;
using Marketing.Synth.Random;

namespace Marketing.Synth.Plan;

/// <summary>
/// The authors, fixed per seed: each belongs to one segment and posts on one platform. Each author's facts come from a
/// hash of (seed, index), so they do not depend on the order posts are generated in.
/// </summary>
internal sealed class AuthorTable
{
    private static readonly string[] Separators = ["", "_", ".", ""];

    public AuthorTable(int seed, int count)
    {
        var segments = SynthCatalog.Segments;
        var platforms = SynthCatalog.Platforms;
        Count = count;
        Segment = new byte[count];
        Platform = new byte[count];
        Id = new string[count];
        Handle = new string[count];
        DisplayName = new string[count];
        Followers = new long[count];
        Verified = new bool[count];

        var segCum = Cumulative(segments.Select(s => s.Weight));
        var platCum = Cumulative(platforms.Select(p => p.Weight));
        var bySegment = segments.Select(_ => new List<int>()).ToArray();
        var bySegPlat = segments.Select(_ => platforms.Select(_ => new List<int>()).ToArray()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var rng = new SynthRandom(seed, 0x1000_0000UL + (ulong)i);
            var s = rng.PickCumulative(segCum, segCum.Length);
            var p = rng.PickCumulative(platCum, platCum.Length);
            var seg = segments[s];
            Segment[i] = (byte)s;
            Platform[i] = (byte)p;
            var first = rng.Pick(seg.FirstNames);
            var last = rng.Pick(seg.LastNames);
            DisplayName[i] = rng.Chance(0.5) ? $"{first} {last}" : $"{first} {last[0]}.";
            var sep = rng.Pick(Separators);
            var number = rng.Chance(0.7) ? rng.Next(1, 1000).ToString(CultureInfo.InvariantCulture) : "";
            var lastPart = rng.Chance(0.5) ? Ascii(last) : Ascii(last[..1]);
            // The index keeps handles unique even when names and numbers repeat.
            Handle[i] = $"{Ascii(first)}{sep}{lastPart}{number}_{Base36(i)}";
            var numericId = 1_400_000_000L + ((long)i * 37) + rng.Next(37);
            Id[i] = platforms[p].Name == "reddit" ? "t2_" + Base36(numericId) : numericId.ToString(CultureInfo.InvariantCulture);
            // Followers within the segment's band, skewed low (most accounts are small), integer arithmetic only.
            var u = rng.NextDouble();
            Followers[i] = seg.FollowersMin + (long)((seg.FollowersMax - seg.FollowersMin) * u * u * u);
            Verified[i] = Followers[i] >= 100_000 && rng.Chance(0.3);
            bySegment[s].Add(i);
            bySegPlat[s][p].Add(i);
        }

        BySegment = bySegment.Select(l => l.ToArray()).ToArray();
        BySegmentPlatform = bySegPlat.Select(a => a.Select(l => l.ToArray()).ToArray()).ToArray();
        PerSegment = BySegment.Select(a => a.Length).ToArray();
    }

    public int Count { get; }

    public byte[] Segment { get; }

    public byte[] Platform { get; }

    public string[] Id { get; }

    public string[] Handle { get; }

    public string[] DisplayName { get; }

    public long[] Followers { get; }

    public bool[] Verified { get; }

    public int[][] BySegment { get; }

    public int[][][] BySegmentPlatform { get; }

    public int[] PerSegment { get; }

    /// <summary>An author of segment s; a few authors post far more than the rest, as on any platform.</summary>
    public int PickInSegment(SynthRandom rng, int s)
    {
        var list = BySegment[s];
        var u = rng.NextDouble();
        return list[(int)(list.Length * u * u)];
    }

    /// <summary>Another author of segment s on platform p, or -1 when there is none.</summary>
    public int PickInSegmentPlatform(SynthRandom rng, int s, int p, int not)
    {
        var list = BySegmentPlatform[s][p];
        if (list.Length == 0 || (list.Length == 1 && list[0] == not))
        {
            return -1;
        }

        var a = list[rng.Next(list.Length)];
        return a == not ? list[(Array.IndexOf(list, a) + 1) % list.Length] : a;
    }

    public static string Base36(long n)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buf = stackalloc char[16];
        var i = buf.Length;
        do
        {
            buf[--i] = digits[(int)(n % 36)];
            n /= 36;
        }
        while (n > 0);
        return new string(buf[i..]);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (c < 128 && char.IsLetter(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }
}
