using System.Text;
using Marketing.Core.Domain;
using Marketing.Synth.Random;

namespace Marketing.Synth.Text;

/// <summary>
/// Fills templates into post text with the noise real posts have: brand named in several ways (name, alias, @handle,
/// #hashtag, now and then misspelled), slang, emoji, misspellings, links, hashtags and mentions by platform habit.
/// One instance per generator; it reuses its buffers, so it is not thread-safe.
/// </summary>
internal sealed class TextComposer(SynthRandom rng)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly StringBuilder _sb = new(512);
    private readonly List<string> _tags = new(8);
    private readonly List<string> _mentions = new(4);
    private readonly List<string> _links = new(2);
    private readonly string[] _usedTags = new string[8];

    public ComposedText Compose(string template, in TextSlots slots, SentimentLabel label, bool decorate = true)
    {
        _sb.Clear();
        Fill(template, slots, label);
        if (decorate)
        {
            Decorate(slots, label);
        }

        return Finish();
    }

    /// <summary>Text that starts with a fixed prefix (a reply's @handle, "RT @x: ") and then a template or a copy.</summary>
    public ComposedText ComposeWithPrefix(string prefix, string template, in TextSlots slots, SentimentLabel label, bool decorate = true)
    {
        _sb.Clear();
        _sb.Append(prefix);
        Fill(template, slots, label);
        if (decorate)
        {
            Decorate(slots, label);
        }

        return Finish();
    }

    /// <summary>An exact or near copy of earlier text (a repost): entities are re-read from the text.</summary>
    public ComposedText Copy(string prefix, string text, string? suffix = null)
    {
        _sb.Clear();
        _sb.Append(prefix).Append(text);
        if (suffix is not null)
        {
            _sb.Append(suffix);
        }

        return Finish();
    }

    public string Link(string platform, string? website)
    {
        _sb.Clear();
        AppendLink(platform, website);
        return _sb.ToString();
    }

    private void Fill(string template, in TextSlots slots, SentimentLabel label)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '{' || i + 2 >= template.Length || template[i + 2] != '}')
            {
                _sb.Append(c);
                continue;
            }

            var key = template[i + 1];
            i += 2;
            switch (key)
            {
                case 'B':
                    AppendBrand(slots.Brand?.Brand, allowTags: true);
                    break;
                case 'C':
                    if (slots.CompetitorChance is { } chance && !rng.Chance(chance))
                    {
                        _sb.Append(rng.Pick(Phrases.GenericCompetitor));
                    }
                    else
                    {
                        AppendBrand(slots.Competitor?.Brand, allowTags: false);
                    }

                    break;
                case 'A':
                    _sb.Append(slots.Brand is { } b ? rng.Pick(b.Aspects) : "thing");
                    break;
                case 'N':
                    _sb.Append(slots.Product ?? "new one");
                    break;
                case 'O':
                    _sb.Append(slots.Brand?.OutageThing ?? "service");
                    break;
                case 'T':
                    if (slots.Tag is { } t)
                    {
                        _sb.Append('#').Append(t);
                    }

                    break;
                case 'H':
                    if (slots.Brand is { } hb)
                    {
                        _sb.Append('#').Append(hb.Hashtag);
                    }

                    break;
                case 'E':
                    _sb.Append(Emoji(label));
                    break;
                case 'S':
                    if (rng.Chance(0.25))
                    {
                        _sb.Append(rng.Pick(Phrases.Slang));
                    }

                    break;
                case 'L':
                    AppendLink(slots.Platform, slots.Brand?.Website);
                    break;
                default:
                    _sb.Append('{').Append(key).Append('}');
                    break;
            }
        }
    }

    private void AppendBrand(Core.Brands.Brand? brand, bool allowTags)
    {
        if (brand is null)
        {
            _sb.Append("them");
            return;
        }

        var u = rng.NextDouble();
        if (allowTags && u < 0.14)
        {
            _sb.Append(brand.Handles[0]);
        }
        else if (allowTags && u < 0.26)
        {
            _sb.Append(brand.Hashtags[0]);
        }
        else if (u < 0.36)
        {
            _sb.Append(rng.Pick(brand.Aliases));
        }
        else if (u < 0.385)
        {
            // A misspelled brand name: real, and missed by exact matching on purpose.
            var name = brand.Aliases[0];
            var cut = 1 + rng.Next(name.Length - 2);
            _sb.Append(name, 0, cut).Append(name, cut + 1, name.Length - cut - 1);
        }
        else if (u < 0.55)
        {
            _sb.Append(brand.Name.ToLowerInvariant());
        }
        else
        {
            _sb.Append(brand.Name);
        }
    }

    private void AppendLink(string platform, string? website)
    {
        var u = rng.NextDouble();
        if (platform == "x" || u < 0.2)
        {
            _sb.Append("https://t.co/");
            AppendCode(10);
        }
        else if (website is not null && u < 0.7)
        {
            _sb.Append("https://").Append(website).Append('/');
            AppendCode(6);
        }
        else
        {
            _sb.Append("https://bit.ly/");
            AppendCode(7);
        }
    }

    private void AppendCode(int n)
    {
        for (var i = 0; i < n; i++)
        {
            _sb.Append(Base62[rng.Next(Base62.Length)]);
        }
    }

    private void Decorate(in TextSlots slots, SentimentLabel label)
    {
        if (rng.Chance(0.06))
        {
            Misspell();
        }

        switch (slots.Platform)
        {
            case "reddit":
                if (rng.Chance(0.4))
                {
                    _sb.Append(rng.Pick(Phrases.RedditTails));
                }

                if (rng.Chance(0.08))
                {
                    _sb.Append(' ');
                    AppendLink(slots.Platform, slots.Brand?.Website);
                }

                break;
            case "instagram":
                AppendTags(slots, 2 + rng.Next(3));
                break;
            case "tiktok":
                AppendTags(slots, 1 + rng.Next(2));
                if (rng.Chance(0.6))
                {
                    _sb.Append(" #fyp");
                }

                break;
            default:
                AppendTags(slots, rng.Chance(0.45) ? 1 + rng.Next(2) : 0);
                if (rng.Chance(0.12))
                {
                    _sb.Append(' ');
                    AppendLink(slots.Platform, slots.Brand?.Website);
                }

                break;
        }

        if (label != SentimentLabel.Neutral && rng.Chance(0.15))
        {
            _sb.Append(' ').Append(Emoji(label));
        }
    }

    private void AppendTags(in TextSlots slots, int n)
    {
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            var tag = slots.Brand is { } b && u < 0.4
                ? rng.Pick(b.Brand.Hashtags).TrimStart('#')
                : u < 0.75 && slots.Interests.Length > 0 ? rng.Pick(slots.Interests) : rng.Pick(Phrases.GenericTags);
            // The same tag twice in one post is rare in practice; skip repeats.
            if (Array.IndexOf(_usedTags, tag, 0, count) >= 0)
            {
                continue;
            }

            _usedTags[count++] = tag;
            _sb.Append(" #").Append(tag);
        }
    }

    private void Misspell()
    {
        var text = _sb.ToString();
        var start = rng.Next(Phrases.Misspellings.Length);
        for (var k = 0; k < Phrases.Misspellings.Length; k++)
        {
            var (right, wrong) = Phrases.Misspellings[(start + k) % Phrases.Misspellings.Length];
            var at = text.IndexOf(right, StringComparison.Ordinal);
            if (at >= 0)
            {
                _sb.Remove(at, right.Length).Insert(at, wrong);
                return;
            }
        }
    }

    private string Emoji(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => rng.Pick(Phrases.PositiveEmoji),
        SentimentLabel.Negative => rng.Pick(Phrases.NegativeEmoji),
        _ => rng.Pick(Phrases.NeutralEmoji),
    };

    /// <summary>Collapses the double spaces empty placeholders leave, trims, and lists the entities.</summary>
    private ComposedText Finish()
    {
        _tags.Clear();
        _mentions.Clear();
        _links.Clear();
        var w = 0;
        for (var r = 0; r < _sb.Length; r++)
        {
            var c = _sb[r];
            if (c == ' ' && (w == 0 || _sb[w - 1] == ' '))
            {
                continue;
            }

            _sb[w++] = c;
        }

        while (w > 0 && _sb[w - 1] == ' ')
        {
            w--;
        }

        _sb.Length = w;
        var text = _sb.ToString();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = i == 0 || !IsWord(text[i - 1]);
            if ((c == '#' || c == '@') && boundary)
            {
                var end = i + 1;
                while (end < text.Length && IsWord(text[end]))
                {
                    end++;
                }

                if (end > i + 1)
                {
                    (c == '#' ? _tags : _mentions).Add(text.Substring(i + 1, end - i - 1));
                }

                i = end - 1;
            }
            else if (c == 'h' && boundary && string.CompareOrdinal(text, i, "https://", 0, 8) == 0)
            {
                var end = i;
                while (end < text.Length && text[end] != ' ')
                {
                    end++;
                }

                _links.Add(text[i..end]);
                i = end - 1;
            }
        }

        return new ComposedText(text, [.. _tags], [.. _mentions], [.. _links]);
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';
}
