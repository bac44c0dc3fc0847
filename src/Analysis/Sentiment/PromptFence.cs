using System.Security.Cryptography;
using System.Text;

namespace Marketing.Analysis.Sentiment;

/// <summary>
/// Fences untrusted post text for a prompt: each post sits between BEGIN/END lines carrying a random tag that the
/// text cannot forge (any occurrence of the tag inside the text is removed), so the model can be told that everything
/// inside a fence is data, never instructions.
/// </summary>
public static class PromptFence
{
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static void Append(StringBuilder sb, string tag, int id, string text)
    {
        var clean = text.Replace(tag, "", StringComparison.OrdinalIgnoreCase).Replace("\r", " ", StringComparison.Ordinal);
        sb.Append("<<<POST ").Append(id).Append(' ').Append(tag).Append(">>>\n");
        sb.Append(clean).Append('\n');
        sb.Append("<<<END ").Append(id).Append(' ').Append(tag).Append(">>>\n");
    }
}
