namespace Marketing.Ingest.Kafka;

/// <summary>Runs several group members in one process until each stops by itself, with a deadline.</summary>
public static class ConsumerRuns
{
    /// <summary>Starts the consumers and waits for them (see <see cref="WaitAsync"/>).</summary>
    public static async Task<bool> RunAsync(TimeSpan deadline, params KafkaConsumerService[] consumers)
    {
        foreach (var c in consumers)
        {
            await c.StartAsync(CancellationToken.None);
        }

        return await WaitAsync(deadline, consumers);
    }

    /// <summary>
    /// Waits until every started consumer has stopped by itself (idle exit). At the deadline the ones still running
    /// are stopped (each finishes and commits its in-flight batch) and the answer is false. A consumer that failed
    /// rethrows its error.
    /// </summary>
    public static async Task<bool> WaitAsync(TimeSpan deadline, params KafkaConsumerService[] consumers)
    {
        var all = Task.WhenAll(consumers.Select(c => c.ExecuteTask ?? throw new InvalidOperationException("Start the consumer first.")));
        var finished = await Task.WhenAny(all, Task.Delay(deadline)) == all;
        if (!finished)
        {
            foreach (var c in consumers)
            {
                await c.StopAsync(CancellationToken.None);
            }
        }

        await all;
        return finished;
    }
}
