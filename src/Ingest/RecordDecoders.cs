using Marketing.Core.Brands;
using Marketing.Ingest.Formats;

namespace Marketing.Ingest;

/// <summary>Creates the decoder for a run. The Kafka consumer and the file source both start here.</summary>
public static class RecordDecoders
{
    /// <param name="format">A <c>--format</c> name (auto, json, x-v2, twitter-v1, reddit, csv, tsv); null is auto-detect.</param>
    public static RecordDecoder Create(IngestOptions options, BrandMatcher? brands, string? format = null) =>
        new(options, brands, InputFormats.Parse(format));
}
