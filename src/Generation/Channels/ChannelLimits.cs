namespace Marketing.Generation.Channels;

/// <summary>
/// The numbers the validator enforces. Sources are listed in docs/generation.md ("Channel limits"); where a platform
/// gives a "recommended" or "visible" length below its hard maximum, the hard maximum is an error and the visible length a
/// warning, except where noted.
/// </summary>
public static class ChannelLimits
{
    // X: weighted length, URLs 23, CJK and emoji weigh 2 (so about 140 CJK characters).
    public const int XMax = 280;

    // Google responsive search ads.
    public const int RsaMinHeadlines = 3;
    public const int RsaMaxHeadlines = 15;
    public const int RsaHeadlineMax = 30;
    public const int RsaMinDescriptions = 2;
    public const int RsaMaxDescriptions = 4;
    public const int RsaDescriptionMax = 90;
    public const int RsaPathMax = 15;

    // Meta (Facebook feed): primary text shows about 125 characters before "See more"; headline and description are
    // truncated past the recommended lengths on most placements, so those are enforced as maxima.
    public const int MetaPrimaryVisible = 125;
    public const int MetaPrimaryMax = 2200;
    public const int MetaHeadlineMax = 40;
    public const int MetaDescriptionMax = 30;

    // LinkedIn sponsored content (single image): intro text 150 visible on desktop, 600 the recommended maximum
    // (enforced); headline 70 recommended (warning), 200 maximum.
    public const int LinkedInIntroVisible = 150;
    public const int LinkedInIntroMax = 600;
    public const int LinkedInHeadlineRecommended = 70;
    public const int LinkedInHeadlineMax = 200;

    // Instagram feed caption.
    public const int InstagramCaptionVisible = 125;
    public const int InstagramCaptionMax = 2200;
    public const int InstagramMaxHashtags = 30;
}
