namespace Marketing.TestSupport.Chromium;

public sealed record ChromiumOptions
{
    /// <summary>The variable that enables browser tests and names the binary (e.g. /usr/bin/chromium).</summary>
    public const string Variable = "MKT_TEST_CHROMIUM";

    public required string ExecutablePath { get; init; }

    /// <summary>Bound on launch, on each protocol call and on page loads.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int WindowWidth { get; init; } = 1200;

    public int WindowHeight { get; init; } = 900;

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Options from <see cref="Variable"/>, or null when it is not set (the caller skips the test).</summary>
    public static ChromiumOptions? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new ChromiumOptions { ExecutablePath = path } : null;
}
