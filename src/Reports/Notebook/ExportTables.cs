using static Marketing.Reports.Notebook.ColumnType;

namespace Marketing.Reports.Notebook;

/// <summary>The tables of a notebook export. The CSV headers, Parquet schemas and data dictionary all come from here.</summary>
public static class ExportTables
{
    public static readonly ExportTable Posts = new("posts", "one stored post created in the export period", [
        new("platform", Text, "Source platform, lower case (x, reddit, synth, ...)."),
        new("post_id", Text, "Post id on its platform; (platform, post_id) is unique."),
        new("created_at", Timestamp, "When the post was created."),
        new("author_id", Text, "Author id on the platform (anon_<hash> when redacted)."),
        new("author_handle", Text, "Author handle without @ (anon_<hash> when redacted)."),
        new("author_followers", Integer, "Author's follower count when the post was ingested."),
        new("lang", Text, "ISO 639-1 language code, empty when unknown."),
        new("text", Text, "Post text (e-mails, phone numbers and @handles removed when redacted)."),
        new("likes", Integer, "Likes."),
        new("shares", Integer, "Shares / reposts."),
        new("replies", Integer, "Replies."),
        new("views", Integer, "Views (passive; not part of engagement)."),
        new("engagement", Integer, "likes + shares + replies (interactions)."),
        new("hashtags", Text, "Hashtags without #, space-separated, lower case."),
        new("brands", Text, "Watched brand ids the post mentions, space-separated."),
        new("sentiment", Text, "Overall label: positive, neutral, negative or unscored; empty when not scored yet."),
        new("p_negative", Real, "Probability of negative (0..1)."),
        new("p_neutral", Real, "Probability of neutral (0..1)."),
        new("p_positive", Real, "Probability of positive (0..1)."),
        new("polarity", Real, "p_positive − p_negative (−1..1)."),
        new("scorer", Text, "Who scored it: model, llm, lexicon, truth or none."),
    ]);

    public static readonly ExportTable Scores = new("scores", "one (post, brand) pair: sentiment toward that brand", [
        new("platform", Text, "Source platform."),
        new("post_id", Text, "Post id; joins posts on (platform, post_id)."),
        new("brand", Text, "Watched brand id."),
        new("created_at", Timestamp, "When the post was created."),
        new("sentiment", Text, "Label toward this brand (the post's overall label when no per-brand label exists)."),
        new("polarity", Real, "Polarity toward this brand (−1..1)."),
    ]);

    public static readonly ExportTable Trends = new("trends", "one brand on one UTC day", [
        new("day", Date, "UTC day."),
        new("brand", Text, "Watched brand id."),
        new("mentions", Integer, "Posts mentioning the brand that day."),
        new("positive", Integer, "Mentions labelled positive toward the brand."),
        new("neutral", Integer, "Mentions labelled neutral."),
        new("negative", Integer, "Mentions labelled negative."),
        new("net_sentiment", Real, "(positive − negative) / mentions (−1..1)."),
        new("engagement", Integer, "Sum of engagement of the mentions."),
        new("share_of_voice", Real, "The brand's mentions / all watched-brand mentions that day (0..1)."),
    ]);

    public static readonly ExportTable Bursts = new("bursts", "one burst of attention found by the trend step", [
        new("key", Text, "Artifact key of the burst."),
        new("brand", Text, "Brand id, empty for a term-only burst."),
        new("term", Text, "Term or hashtag that burst, when known."),
        new("start", Timestamp, "Start of the burst window."),
        new("end", Timestamp, "End of the burst window."),
        new("score", Real, "Burst strength as the detector reports it (e.g. z-score)."),
        new("volume", Integer, "Posts in the burst window."),
        new("explanation", Text, "Why it happened, as explained by the trend step."),
    ]);

    public static readonly ExportTable Topics = new("topics", "one topic found by the topic step", [
        new("key", Text, "Artifact key."),
        new("label", Text, "Topic label."),
        new("terms", Text, "Top terms, comma-separated."),
        new("volume", Integer, "Posts on the topic in its window."),
        new("previous_volume", Integer, "Posts on the topic in the window before."),
        new("growth", Real, "Relative growth (0.5 = +50 %)."),
        new("start", Timestamp, "Start of the topic's window, when known."),
        new("end", Timestamp, "End of the topic's window, when known."),
    ]);

    public static readonly ExportTable Segments = new("segments", "one audience segment", [
        new("key", Text, "Artifact key."),
        new("name", Text, "Segment name."),
        new("description", Text, "What the segment is."),
        new("size", Integer, "Authors in the segment."),
        new("traits", Text, "Traits / interests, comma-separated."),
        new("targeting", Text, "Targeting suggestions, separated by ' | '."),
    ]);

    public static readonly ExportTable Drafts = new("drafts", "one campaign copy draft", [
        new("key", Text, "Artifact key."),
        new("brand", Text, "Brand id."),
        new("channel", Text, "Channel / format the draft is for."),
        new("title", Text, "Headline."),
        new("text", Text, "The copy (body text) of the draft."),
        new("created_at", Timestamp, "When it was generated."),
        new("file", Text, "Export file the generation step wrote, when known."),
    ]);

    public static IReadOnlyList<ExportTable> All { get; } = [Posts, Scores, Trends, Bursts, Topics, Segments, Drafts];
}
