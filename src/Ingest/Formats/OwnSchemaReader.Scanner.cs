using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Marketing.Core.Domain;

namespace Marketing.Ingest.Formats;

public static partial class OwnSchemaReader
{
    // Strict: a string that is not UTF-8 throws (as Utf8JsonReader.GetString does) and the scan gives up.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The narrowest, fastest path: a scan of the bytes that reads the commonest records (string dates, no escapes in
    /// property names, shallow nesting; a string value with escapes is unescaped by a reader over just that string)
    /// and gives up (false) on anything else, which then goes through the
    /// <see cref="Utf8JsonReader"/> pass exactly as before. It reads what that pass reads, field for field: when it
    /// returns true, the reader pass would have returned the same post. It validates the JSON it accepts (structure,
    /// numbers, literals, no control characters in strings, nothing after the object), so it never takes a record the
    /// reader would have refused. Checked against the reader pass on fixtures and mutated records
    /// (<c>OwnSchemaScannerTests</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryScan(ReadOnlySpan<byte> json, bool autoDetect, int maxDepth, string? defaultPlatform, out SocialPost? post)
    {
        post = null;
        try
        {
            var s = new Scanner(json, Math.Min(maxDepth, 16));
            return ScanPost(ref s, autoDetect, defaultPlatform, out post);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            // Invalid UTF-8 in a string the post keeps (DecoderFallbackException), or a bad escape in a string read
            // with escapes (JsonException, InvalidOperationException): the reader pass explains it.
            post = null;
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanPost(ref Scanner s, bool autoDetect, string? defaultPlatform, out SocialPost? post)
    {
        post = null;
        if (!s.Open((byte)'{'))
        {
            return false;
        }

        string? id = null, altId = null, text = null, platform = null, language = null;
        DateTimeOffset? created = null;
        var p = new SocialPost { Platform = "", PostId = "", Text = "" };
        var first = true;
        while (s.NextMember(ref first, out var name))
        {
            switch (Identify(name, autoDetect))
            {
                case Field.PostId: if (!s.Str(out id, allowNumber: true)) return false; break;
                case Field.Text: if (!s.Str(out text, allowNumber: false)) return false; break;
                case Field.Platform: if (!s.Common(out platform)) return false; break;
                case Field.CreatedAt: if (!s.Date(out created)) return false; break;
                case Field.Author: if (!ScanAuthor(ref s, p.Author)) return false; break;
                case Field.Engagement: if (!ScanEngagement(ref s, p.Engagement)) return false; break;
                case Field.Language: { if (!s.Common(out var l)) return false; language ??= l; break; }
                case Field.Url: { if (!s.Str(out var v, allowNumber: true)) return false; p.Url = v; break; }
                case Field.Hashtags: { if (!s.List(out var v)) return false; p.Hashtags = v; break; }
                case Field.Mentions: { if (!s.List(out var v)) return false; p.Mentions = v; break; }
                case Field.Links: { if (!s.List(out var v)) return false; p.Links = v; break; }
                case Field.Brands: { if (!s.List(out var v)) return false; p.Brands = v; break; }
                case Field.ReplyToId: { if (!s.Str(out var v, allowNumber: true)) return false; p.ReplyToId = v; break; }
                case Field.QuoteOfId: { if (!s.Str(out var v, allowNumber: true)) return false; p.QuoteOfId = v; break; }
                case Field.RepostOfId: { if (!s.Str(out var v, allowNumber: true)) return false; p.RepostOfId = v; break; }
                case Field.Campaign: { if (!s.Common(out var v)) return false; p.Campaign = v; break; }
                case Field.NearDuplicateOf: { if (!s.Str(out var v, allowNumber: true)) return false; p.NearDuplicateOf = v; break; }
                case Field.Source: { if (!s.Str(out var v, allowNumber: true)) return false; p.Source = v; break; }
                case Field.Id: if (!s.Str(out altId, allowNumber: true)) return false; break;
                case Field.Scores:
                    // null or [] only, as in the reader pass.
                    if (!s.Literal("null"u8) && !(s.Open((byte)'[') && s.Close((byte)']')))
                    {
                        return false;
                    }

                    break;
                case Field.OtherFormat:
                    return false;
                default:
                    if (!s.Skip())
                    {
                        return false;
                    }

                    break;
            }
        }

        if (s.Failed)
        {
            return false;
        }

        id ??= altId;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(text) || created is null || !s.AtEnd())
        {
            return false;
        }

        return Complete(p, id, altId, text, platform, language, created.Value, autoDetect, defaultPlatform, out post);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanAuthor(ref Scanner s, Author a)
    {
        if (s.Literal("null"u8))
        {
            return true;
        }

        if (!s.Open((byte)'{'))
        {
            return false;
        }

        string? handle = null, username = null, displayName = null, name = null;
        var first = true;
        while (s.NextMember(ref first, out var key))
        {
            switch (IdentifyNested(key))
            {
                case NestedField.Id: { if (!s.Str(out var v, allowNumber: true)) return false; a.Id = v ?? ""; break; }
                case NestedField.Handle: { if (!s.Str(out var v, allowNumber: true)) return false; handle ??= v; break; }
                case NestedField.Username: { if (!s.Str(out var v, allowNumber: true)) return false; username ??= v; break; }
                case NestedField.DisplayName: { if (!s.Common(out var v)) return false; displayName ??= v; break; }
                case NestedField.Name: { if (!s.Common(out var v)) return false; name ??= v; break; }
                case NestedField.Followers: { if (!s.Count(out var v)) return false; a.Followers = v; break; }
                case NestedField.Location: { if (!s.Common(out var v)) return false; a.Location = v; break; }
                case NestedField.Verified:
                    if (s.Literal("true"u8))
                    {
                        a.Verified = true;
                    }
                    else if (s.Literal("false"u8))
                    {
                        a.Verified = false;
                    }
                    else if (!s.Literal("null"u8))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!s.Skip())
                    {
                        return false;
                    }

                    break;
            }
        }

        if (s.Failed)
        {
            return false;
        }

        a.Handle ??= handle ?? username;
        a.DisplayName ??= displayName ?? name;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanEngagement(ref Scanner s, Engagement e)
    {
        if (s.Literal("null"u8))
        {
            return true;
        }

        if (!s.Open((byte)'{'))
        {
            return false;
        }

        var first = true;
        while (s.NextMember(ref first, out var key))
        {
            long v;
            switch (IdentifyNested(key))
            {
                case NestedField.Likes: if (!s.Count(out v)) return false; e.Likes = v; break;
                case NestedField.Shares: if (!s.Count(out v)) return false; e.Shares = v; break;
                case NestedField.Replies: if (!s.Count(out v)) return false; e.Replies = v; break;
                case NestedField.Views: if (!s.Count(out v)) return false; e.Views = v; break;
                default:
                    if (!s.Skip())
                    {
                        return false;
                    }

                    break;
            }
        }

        return !s.Failed;
    }

    /// <summary>A forward scan over one JSON value's bytes; every method skips whitespace first and fails rather than guess.</summary>
    private ref struct Scanner(ReadOnlySpan<byte> json, int maxDepth)
    {
        private readonly ReadOnlySpan<byte> _s = json;
        private int _pos;
        private int _depth;

        /// <summary>The next byte after whitespace, or -1 at the end.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Peek()
        {
            while (_pos < _s.Length)
            {
                var b = _s[_pos];
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                {
                    return b;
                }

                _pos++;
            }

            return -1;
        }

        public bool AtEnd() => Peek() < 0;

        /// <summary>Set when <see cref="NextMember"/> met malformed input; the scan then gives up.</summary>
        public bool Failed { get; private set; }

        /// <summary>
        /// Steps through the members of the object just opened: true with the next member's name (its ':' taken);
        /// false at the object's end (its '}' taken), or on malformed input (<see cref="Failed"/> set).
        /// <paramref name="first"/> starts true and tells the first member (no ',' before it) from the others.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool NextMember(ref bool first, out ReadOnlySpan<byte> name)
        {
            name = default;
            if (first)
            {
                first = false;
                if (Close((byte)'}'))
                {
                    return false;
                }
            }
            else if (!Take((byte)','))
            {
                Failed |= !Close((byte)'}');
                return false;
            }

            if (String(out name) && Take((byte)':'))
            {
                return true;
            }

            Failed = true;
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Take(byte b)
        {
            if (Peek() != b)
            {
                return false;
            }

            _pos++;
            return true;
        }

        /// <summary>Opens an object or array (counting the depth).</summary>
        public bool Open(byte b)
        {
            if (_depth >= maxDepth || !Take(b))
            {
                return false;
            }

            _depth++;
            return true;
        }

        /// <summary>Closes the innermost object or array when the next byte is <paramref name="b"/>.</summary>
        public bool Close(byte b)
        {
            if (!Take(b))
            {
                return false;
            }

            _depth--;
            return true;
        }

        /// <summary>A string without escapes or control characters: its bytes between the quotes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool String(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (Peek() != '"')
            {
                return false;
            }

            // A backslash (an escape, maybe of a quote) or a raw control character ends the scan: left to the reader.
            // Most strings (names, ids, short values) are short: one byte loop finds their end; a longer one is
            // searched with vectorized passes from where the loop stopped.
            var rest = _s[(_pos + 1)..];
            var limit = Math.Min(rest.Length, 24);
            var end = 0;
            while (end < limit)
            {
                var b = rest[end];
                if (b <= (byte)'\\' && (b < 0x20 || b == (byte)'"' || b == (byte)'\\'))
                {
                    break;
                }

                end++;
            }

            if (end < limit)
            {
                if (rest[end] != (byte)'"')
                {
                    return false;
                }
            }
            else
            {
                var k = rest[end..].IndexOf((byte)'"');
                if (k < 0)
                {
                    return false;
                }

                var tail = rest.Slice(end, k);
                if (tail.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || tail.Contains((byte)'\\'))
                {
                    return false;
                }

                end += k;
            }

            value = rest[..end];
            _pos += end + 2;
            return true;
        }

        /// <summary>
        /// A string value that may hold escapes, as the reader pass's GetString gives it (with escapes: by a reader
        /// over just this string, which checks and unescapes them as the reader pass would; a bad escape throws).
        /// With <paramref name="materialize"/> false the string is only checked and skipped.
        /// </summary>
        public bool StringValue(out string? value, bool materialize)
        {
            value = null;
            if (Peek() != '"')
            {
                return false;
            }

            var start = _pos;
            if (String(out var plain))
            {
                value = materialize ? StrictUtf8.GetString(plain) : null;
                return true;
            }

            var i = start + 1;
            while (i < _s.Length && _s[i] != (byte)'"')
            {
                if (_s[i] < 0x20)
                {
                    return false;
                }

                i += _s[i] == (byte)'\\' ? 2 : 1;
            }

            if (i >= _s.Length)
            {
                return false;
            }

            var reader = new Utf8JsonReader(_s[start..(i + 1)]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            value = materialize ? reader.GetString() : null;
            _pos = i + 1;
            return true;
        }

        /// <summary>A JSON number's bytes (grammar checked, and followed by a delimiter).</summary>
        public bool Number(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (Peek() < 0)
            {
                return false;
            }

            var i = _pos;
            if (_s[i] == '-')
            {
                i++;
            }

            if (i < _s.Length && _s[i] == '0')
            {
                i++;
            }
            else if (i < _s.Length && _s[i] is >= (byte)'1' and <= (byte)'9')
            {
                i = Digits(i);
            }
            else
            {
                return false;
            }

            if (i < _s.Length && _s[i] == '.')
            {
                var from = ++i;
                if ((i = Digits(i)) == from)
                {
                    return false;
                }
            }

            if (i < _s.Length && _s[i] is (byte)'e' or (byte)'E')
            {
                i++;
                if (i < _s.Length && _s[i] is (byte)'+' or (byte)'-')
                {
                    i++;
                }

                var from = i;
                if ((i = Digits(i)) == from)
                {
                    return false;
                }
            }

            if (!Delimited(i))
            {
                return false;
            }

            value = _s[_pos..i];
            _pos = i;
            return true;
        }

        private readonly int Digits(int i)
        {
            while (i < _s.Length && _s[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            return i;
        }

        // What may follow a number or a literal.
        private readonly bool Delimited(int i) =>
            i >= _s.Length || _s[i] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

        /// <summary>true, false or null, when the next value is exactly <paramref name="literal"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Literal(ReadOnlySpan<byte> literal)
        {
            if (Peek() != literal[0] || !_s[_pos..].StartsWith(literal) || !Delimited(_pos + literal.Length))
            {
                return false;
            }

            _pos += literal.Length;
            return true;
        }

        /// <summary>Any value, validated and skipped.</summary>
        public bool Skip()
        {
            switch (Peek())
            {
                case '"':
                    return String(out _) || StringValue(out _, materialize: false);
                case '{':
                    if (!Open((byte)'{'))
                    {
                        return false;
                    }

                    if (Close((byte)'}'))
                    {
                        return true;
                    }

                    do
                    {
                        if (!String(out _) || !Take((byte)':') || !Skip())
                        {
                            return false;
                        }
                    }
                    while (Take((byte)','));

                    return Close((byte)'}');
                case '[':
                    if (!Open((byte)'['))
                    {
                        return false;
                    }

                    if (Close((byte)']'))
                    {
                        return true;
                    }

                    do
                    {
                        if (!Skip())
                        {
                            return false;
                        }
                    }
                    while (Take((byte)','));

                    return Close((byte)']');
                case 't':
                    return Literal("true"u8);
                case 'f':
                    return Literal("false"u8);
                case 'n':
                    return Literal("null"u8);
                default:
                    return Number(out _);
            }
        }

        /// <summary>As the reader pass's Str: a string, null, or (when allowed) a number's text.</summary>
        public bool Str(out string? value, bool allowNumber)
        {
            value = null;
            var next = Peek();
            if (next == '"')
            {
                return StringValue(out value, materialize: true);
            }

            if (next == 'n')
            {
                return Literal("null"u8);
            }

            if (allowNumber && Number(out var number))
            {
                value = Encoding.UTF8.GetString(number);
                return true;
            }

            return false;
        }

        /// <summary>As the reader pass's Common: a short string from the shared cache, else as <see cref="Str"/>.</summary>
        public bool Common(out string? value)
        {
            if (Peek() == '"')
            {
                if (!String(out var bytes))
                {
                    // Escaped: the reader pass's Common reads it as a plain string too (not from the cache).
                    return StringValue(out value, materialize: true);
                }

                value = bytes.Length <= 32 ? Interned(bytes) : StrictUtf8.GetString(bytes);
                return true;
            }

            return Str(out value, allowNumber: true);
        }

        /// <summary>As the reader pass's Date, for strings (a numeric date gives up).</summary>
        public bool Date(out DateTimeOffset? value)
        {
            value = null;
            if (Peek() != '"')
            {
                return false;
            }

            var start = _pos;
            if (!String(out var span))
            {
                // Escaped: only the general parser, as in the reader pass.
                if (!StringValue(out var escaped, materialize: true) || !Timestamps.TryParse(escaped, out var general))
                {
                    return false;
                }

                value = general;
                return true;
            }

            if (span.Length >= 20 && (span[^1] == (byte)'Z' || (span.Length >= 25 && span[^3] == (byte)':' && span[^6] is (byte)'+' or (byte)'-')))
            {
                // The reader's own ISO-8601 parser, on a reader over just this string.
                var reader = new Utf8JsonReader(_s[start.._pos]);
                if (reader.Read() && reader.TryGetDateTimeOffset(out var dto))
                {
                    value = dto;
                    return true;
                }
            }

            if (Timestamps.TryParse(StrictUtf8.GetString(span), out var parsed))
            {
                value = parsed;
                return true;
            }

            return false;
        }

        /// <summary>As the reader pass's Count: an integer, null (0), or a string of digits (empty is 0).</summary>
        public bool Count(out long value)
        {
            value = 0;
            var next = Peek();
            if (next == 'n')
            {
                return Literal("null"u8);
            }

            if (next == '"')
            {
                return String(out var text) && (text.IsEmpty || (Utf8Parser.TryParse(text, out value, out var used) && used == text.Length));
            }

            return Number(out var number) && Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length;
        }

        /// <summary>As the reader pass's List: null or an array of strings (empty ones dropped).</summary>
        public bool List(out IReadOnlyList<string> result)
        {
            result = [];
            if (Literal("null"u8))
            {
                return true;
            }

            if (!Open((byte)'['))
            {
                return false;
            }

            if (Close((byte)']'))
            {
                return true;
            }

            List<string>? list = null;
            do
            {
                if (!StringValue(out var item, materialize: true))
                {
                    return false;
                }

                if (item is { Length: > 0 })
                {
                    (list ??= []).Add(item);
                }
            }
            while (Take((byte)','));

            if (!Close((byte)']'))
            {
                return false;
            }

            if (list is not null)
            {
                result = list;
            }

            return true;
        }
    }
}
