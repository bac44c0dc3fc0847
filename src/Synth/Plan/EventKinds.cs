namespace Marketing.Synth.Plan;

/// <summary>The kinds of injected events, as written in the truth file.</summary>
public static class EventKinds
{
    public const string LaunchSpike = "launch_spike";
    public const string OutageBurst = "outage_burst";
    public const string ViralPost = "viral_post";
    public const string SentimentDecline = "sentiment_decline";
    public const string CompetitorCampaign = "competitor_campaign";

    public static IReadOnlyList<string> All { get; } = [LaunchSpike, OutageBurst, ViralPost, SentimentDecline, CompetitorCampaign];
}
