using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketing.Reports.Notebook;

/// <summary>
/// Pseudonymises an export: author ids and handles become salted SHA-256 hashes (stable within one export, so an
/// analyst can still group by author; not reversible without the salt, which is never written), and e-mail
/// addresses, phone numbers and @handles are removed from text.
/// </summary>
public sealed partial class Redactor
{
    public const string SaltVariable = "MKT_REDACT_SALT";

    private readonly byte[] _salt;

    public Redactor(byte[] salt)
    {
        if (salt.Length < 16)
        {
            throw new ArgumentException("A redaction salt needs at least 16 bytes.", nameof(salt));
        }

        _salt = salt;
    }

    /// <summary>The salt from <c>MKT_REDACT_SALT</c> (same hashes across exports), else 32 random bytes (unlinkable exports).</summary>
    public static Redactor FromEnvironmentOrRandom()
    {
        var env = Environment.GetEnvironmentVariable(SaltVariable);
        return new Redactor(env is { Length: >= 16 } s ? Encoding.UTF8.GetBytes(s) : RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>"anon_" + 16 hex digits of SHA-256(salt ‖ value). Handles are case-insensitive, so they are lower-cased first.</summary>
    public string Hash(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var bytes = Encoding.UTF8.GetBytes(value.TrimStart('@').ToLowerInvariant());
        var input = new byte[_salt.Length + bytes.Length];
        _salt.CopyTo(input, 0);
        bytes.CopyTo(input, _salt.Length);
        return "anon_" + Convert.ToHexStringLower(SHA256.HashData(input))[..16];
    }

    public string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var s = Email().Replace(text, "[email]");
        s = Phone().Replace(s, "[phone]");
        return Mention().Replace(s, m => "@" + Hash(m.Groups[1].Value));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // International (+33 6 12 34 56 78), North American (555-123-4567, (555) 123 4567) and 2-digit-group forms;
    // dates (2026-11-28) and short numbers do not match.
    [GeneratedRegex(@"(?<![\w@])(?:\+\d{1,3}[\s.\-]?)?(?:\(?\d{2,4}\)?[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}|\d{2}(?:[\s.\-]\d{2}){4}|\(?\+?\d{1,3}\)?(?:[\s.\-]?\d){8,12})(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
