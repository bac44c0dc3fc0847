using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Marketing.Ingest.Tests.Kafka;

/// <summary>Writes warnings and errors to the test's progress output, so a failing Kafka test shows what the consumer saw.</summary>
internal sealed class ProgressLogger<T> : ILogger<T>
{
    public static readonly ProgressLogger<T> Instance = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            TestContext.Progress.WriteLine($"[{logLevel}] {typeof(T).Name}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
