namespace Marketing.Synth.Text;

/// <summary>A post's text with the entities a platform API would list beside it (hashtags and mentions without # / @).</summary>
internal readonly record struct ComposedText(string Text, string[] Hashtags, string[] Mentions, string[] Links);
