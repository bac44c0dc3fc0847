using System.Text;

namespace Marketing.Generation.Export;

/// <summary>RFC 4180 CSV writing.</summary>
public static class Csv
{
    /// <summary>Quotes a cell when needed. <paramref name="guardFormula"/> prefixes = + - @ with ' so spreadsheets do not run it.</summary>
    public static string Cell(string? value, bool guardFormula = false)
    {
        var v = value ?? "";
        if (guardFormula && v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            v = "'" + v;
        }

        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    public static string Row(IEnumerable<string?> cells, bool guardFormula = false) =>
        string.Join(',', cells.Select(c => Cell(c, guardFormula)));

    /// <summary>UTF-8 with a BOM: Excel and Google Ads Editor then read accents and emoji correctly.</summary>
    public static readonly Encoding Utf8Bom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
