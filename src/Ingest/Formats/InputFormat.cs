namespace Marketing.Ingest.Formats;

/// <summary>The input formats <c>mkt ingest --format</c> names. <see cref="Auto"/> decides per record (JSON) or per file (CSV).</summary>
public enum InputFormat
{
    Auto,

    /// <summary>The project's own schema: snake_case <c>SocialPost</c> JSON, one per line or in an array (docs/post.schema.json).</summary>
    Own,

    /// <summary>X API v2 responses: <c>data</c> (one tweet or many) + <c>includes.users</c>.</summary>
    XV2,

    /// <summary>Twitter API v1.1 status objects, also a search response's <c>statuses</c> array.</summary>
    TwitterV1,

    /// <summary>Reddit comments (t1) and submissions (t3), bare or in <c>Listing</c> wrappers.</summary>
    Reddit,

    /// <summary>Comma-separated values with a header row, mapped with <c>--map</c>.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row, mapped with <c>--map</c>.</summary>
    Tsv,
}
