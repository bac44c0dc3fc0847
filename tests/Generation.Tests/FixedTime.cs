namespace Marketing.Generation.Tests;

/// <summary>A clock that always says the same time, so outputs can be compared.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
