namespace Marketing.Generation.Drafting;

/// <summary>
/// What one draft should be: the channel, the variant letter, the element it tests, and which hook, benefit, call to
/// action and tone it uses (indexes into the candidates). Variant A is the control; each later variant changes
/// exactly one element against it.
/// </summary>
public sealed record DraftSlot(string Channel, string Variant, string TestedElement, int Hook, int Benefit, int Cta, int Tone, string? Segment)
{
    public static readonly IReadOnlyList<string> Elements = ["hook", "benefit", "cta", "tone"];

    /// <summary>n variants for a channel: A (control) tests the same element as B; C, D, E change benefit, cta, tone, and so on.</summary>
    public static IReadOnlyList<DraftSlot> Plan(string channel, int variants, string? segment)
    {
        var slots = new List<DraftSlot>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < variants; i++)
        {
            var element = Elements[(i == 0 ? 0 : i - 1) % Elements.Count];
            var step = i == 0 ? 0 : seen[element] = seen.GetValueOrDefault(element) + 1;
            slots.Add(new DraftSlot(
                channel,
                Letter(i),
                element,
                element == "hook" ? step : 0,
                element == "benefit" ? step : 0,
                element == "cta" ? step : 0,
                element == "tone" ? step : 0,
                segment));
        }

        return slots;
    }

    public static string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : "V" + (i + 1);
}
