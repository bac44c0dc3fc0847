namespace Marketing.Reports.Model;

/// <summary>Thresholds the report applies, in one place so the docs can quote them.</summary>
public static class ReportThresholds
{
    /// <summary>A net-sentiment shift of 0.10 (10 points on the −1..1 scale) is where analysts start to look.</summary>
    public const double SentimentShiftPoints = 0.10;

    /// <summary>Below 20 mentions per period a shift is mostly noise.</summary>
    public const long MinMentionsForShift = 20;

    /// <summary>A hashtag needs this many uses in the period to count as an emerging topic.</summary>
    public const int MinHashtagUses = 5;
}
