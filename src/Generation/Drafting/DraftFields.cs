using System.Text.Json.Serialization;

namespace Marketing.Generation.Drafting;

/// <summary>
/// The copy itself. Which fields are set depends on the channel: x → text; google-rsa → headlines, descriptions,
/// path1, path2, final_url; meta → primary_text, headline, description, link; linkedin → intro_text, headline, link;
/// instagram → caption.
/// </summary>
public sealed class DraftFields
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Headlines { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Descriptions { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path1 { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path2 { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FinalUrl { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrimaryText { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Headline { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IntroText { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caption { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Link { get; set; }

    /// <summary>Every text field with its name (headline_1, description_2, ...), for validation and CSV export.</summary>
    public IEnumerable<(string Field, string Value)> All()
    {
        if (Text is not null)
        {
            yield return ("text", Text);
        }

        for (var i = 0; i < (Headlines?.Count ?? 0); i++)
        {
            yield return ($"headline_{i + 1}", Headlines![i]);
        }

        for (var i = 0; i < (Descriptions?.Count ?? 0); i++)
        {
            yield return ($"description_{i + 1}", Descriptions![i]);
        }

        foreach (var (name, value) in new[]
                 {
                     ("path1", Path1), ("path2", Path2), ("final_url", FinalUrl), ("primary_text", PrimaryText), ("headline", Headline),
                     ("description", Description), ("intro_text", IntroText), ("caption", Caption), ("link", Link),
                 })
        {
            if (value is not null)
            {
                yield return (name, value);
            }
        }
    }
}
