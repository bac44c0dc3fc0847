namespace Marketing.Generation.Targeting;

/// <summary>A point estimate with its 95% confidence interval.</summary>
public sealed record Interval(double Estimate, double Low, double High)
{
    /// <summary>The whole interval lies above zero.</summary>
    public bool AboveZero => Low > 0;

    /// <summary>The whole interval lies below zero.</summary>
    public bool BelowZero => High < 0;
}
