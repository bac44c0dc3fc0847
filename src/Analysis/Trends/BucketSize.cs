namespace Marketing.Analysis.Trends;

/// <summary>The width of a time bucket. Days and weeks are calendar days and ISO weeks (Monday) in the query's time zone.</summary>
public enum BucketSize
{
    Hour,
    Day,
    Week,
}
