using System.CommandLine;
using System.Diagnostics;
using Confluent.Kafka;
using Marketing.Core.Brands;
using Marketing.Core.Domain;
using Marketing.Ingest;
using Marketing.Ingest.Kafka;
using Microsoft.Extensions.Configuration;

namespace Marketing.Cli.Commands;

/// <summary>
/// The Kafka commands: <c>mkt produce</c> (replay a file into a topic), <c>mkt consume</c> (the consumer group member
/// that stores posts) and <c>mkt kafka dev</c> (librdkafka's mock cluster for other processes).
/// </summary>
public static class KafkaCommands
{
    public static IEnumerable<Command> Create() => [Produce(), Consume(), Kafka()];

    private static Option<string?> BootstrapOption() => new("--bootstrap")
    {
        Description = "Kafka bootstrap servers host:port,..., or 'embedded' for an in-process mock cluster. Default: Kafka:BootstrapServers (localhost:9092).",
    };

    private static Option<string?> TopicOption() => new("--topic") { Description = "Topic. Default: Kafka:Topic (posts)." };

    private static Command Produce()
    {
        var file = new Argument<string>("file") { Description = "File to replay (JSONL, or a JSON array; gzip or not), or - for stdin. One message per record, raw bytes." };
        var bootstrap = BootstrapOption();
        var topic = TopicOption();
        var rate = new Option<double?>("--rate") { Description = "Messages per second (default: as fast as the brokers take them)." };
        var format = new Option<string>("--format")
        {
            Description = "How the file splits into records: auto (a top-level JSON array by element, else by line), jsonl (by line), json (array elements).",
            DefaultValueFactory = _ => "auto",
        };
        var partitions = new Option<int?>("--partitions") { Description = "With --bootstrap embedded: partitions of the topic (default: enough for the file under the mock's cap)." };
        var json = JsonOption.Create();
        var cmd = new Command("produce", "Replay a file into a Kafka topic, keyed by author id, counting delivery reports.") { file, bootstrap, topic, rate, format, partitions, json };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var options = ResolveOptions(ctx, parse.GetValue(bootstrap), parse.GetValue(topic));
            var path = parse.GetValue(file)!;
            if (path != "-" && !File.Exists(path))
            {
                throw new FileNotFoundException($"No such file '{path}'. Nothing was produced.");
            }

            if (parse.GetValue(rate) is <= 0)
            {
                throw new UsageException("--rate must be a positive number of messages per second.");
            }

            var split = parse.GetValue(format)!.ToLowerInvariant();
            if (split is not ("auto" or "jsonl" or "json"))
            {
                throw new UsageException($"--format '{split}' is not one of auto, jsonl, json. CSV rows need their header to be decoded: ingest CSV with 'mkt ingest'.");
            }

            var fileBytes = path == "-" ? 0 : new FileInfo(path).Length;
            using var mock = options.IsEmbedded ? StartMock(ctx, options) : null;
            var servers = mock?.BootstrapServers ?? options.BootstrapServers;
            if (mock is not null)
            {
                mock.CreateTopic(options.Topic, parse.GetValue(partitions) ?? KafkaMockCluster.PartitionsFor(fileBytes));
                await ctx.Error.WriteLineAsync("produce: the embedded cluster ends with this command; use 'mkt kafka dev' to keep one for a consumer.");
            }
            else
            {
                await WarnAboutMockCapAsync(ctx, servers, options.Topic, fileBytes);
            }

            await using var stream = RawRecordReader.Open(path);
            var records = split switch
            {
                "jsonl" => RawRecordReader.ReadLines(stream),
                "json" => RawRecordReader.ReadArray(stream),
                _ => RawRecordReader.Read(stream),
            };
            var producer = new KafkaFileProducer(options, ctx.Logger<KafkaFileProducer>());
            KafkaProduceSummary summary;
            try
            {
                summary = await producer.ProduceAsync(records, servers, options.Topic, parse.GetValue(rate),
                    s => ctx.Error.WriteLine($"produce: {s.Produced:N0} sent, {s.Delivered:N0} delivered, {s.Failed:N0} failed ({s.MessagesPerSecond:N0} msg/s)"), ct);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new InvalidOperationException($"'{path}' is not a JSON array ({ex.Message}). Use --format jsonl for one record per line.");
            }

            if (parse.GetValue(json))
            {
                ctx.WriteJson(summary);
            }
            else
            {
                ctx.Out.WriteLine($"topic      {summary.Topic}");
                ctx.Out.WriteLine($"produced   {summary.Produced:N0}");
                ctx.Out.WriteLine($"delivered  {summary.Delivered:N0}");
                ctx.Out.WriteLine($"failed     {summary.Failed:N0}");
                foreach (var (error, count) in summary.FailedByError)
                {
                    ctx.Out.WriteLine($"  {error,-24}{count:N0}");
                }

                ctx.Out.WriteLine($"time       {summary.Seconds:0.0} s ({summary.MessagesPerSecond:N0} msg/s)");
            }

            return summary.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
    }

    private static Command Consume()
    {
        var bootstrap = BootstrapOption();
        var topic = TopicOption();
        var group = new Option<string?>("--group") { Description = "Consumer group. Default: Kafka:GroupId (mkt-ingest). Members of one group share the partitions." };
        var idle = new Option<double?>("--until-idle") { Description = "Stop after this many seconds without a message (demos, tests). Default: run until Ctrl-C / SIGTERM." };
        var batch = new Option<int?>("--batch") { Description = "Messages per batch (one store transaction, one offset store). Default: Kafka:BatchSize (2000)." };
        var format = new Option<string?>("--format") { Description = "Record format of the messages: auto (default, per message), json, x-v2, twitter-v1, reddit." };
        var from = new Option<string?>("--from") { Description = "With --bootstrap embedded: produce this file into the embedded cluster first." };
        var json = JsonOption.Create();
        var cmd = new Command("consume", "Consume posts from Kafka into the store: batches, dead letters to <topic>.dlq, offsets stored only after the write.")
        {
            bootstrap, topic, group, idle, batch, format, from, json,
        };
        return cmd.WithAction(async (ctx, parse, ct) =>
        {
            var options = ResolveOptions(ctx, parse.GetValue(bootstrap), parse.GetValue(topic));
            options.GroupId = parse.GetValue(group) ?? options.GroupId;
            if (parse.GetValue(batch) is { } b)
            {
                options.BatchSize = b is >= 1 and <= 1_000_000 ? b : throw new UsageException("--batch must be between 1 and 1000000.");
            }

            if (parse.GetValue(idle) is { } seconds)
            {
                options.IdleExit = seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new UsageException("--until-idle must be a positive number of seconds.");
            }

            var fromFile = parse.GetValue(from);
            if (fromFile is not null && !options.IsEmbedded)
            {
                throw new UsageException("--from needs --bootstrap embedded; to fill a running cluster use 'mkt produce'.");
            }

            if (fromFile is not null && fromFile != "-" && !File.Exists(fromFile))
            {
                throw new FileNotFoundException($"No such file '{fromFile}'.");
            }

            var decoder = CreateDecoder(ctx, parse.GetValue(format));
            var store = await ctx.StoreAsync(ct);
            using var mock = options.IsEmbedded ? StartMock(ctx, options) : null;
            if (mock is not null)
            {
                options.BootstrapServers = mock.BootstrapServers;
                var bytes = fromFile is null or "-" ? 0 : new FileInfo(fromFile).Length;
                mock.CreateTopic(options.Topic, KafkaMockCluster.PartitionsFor(bytes));
                if (fromFile is not null)
                {
                    // The fill batches like a busy producer (KafkaMockCluster.FillLingerMs: the mock's fetches cost
                    // time quadratic in the number of batches) unless Kafka:Producer:linger.ms is configured; dead
                    // letters keep the configured value.
                    var configuredLinger = options.Producer.LingerMs;
                    options.Producer.LingerMs ??= KafkaMockCluster.FillLingerMs;
                    KafkaProduceSummary produced;
                    try
                    {
                        await using var stream = RawRecordReader.Open(fromFile);
                        produced = await new KafkaFileProducer(options, ctx.Logger<KafkaFileProducer>())
                            .ProduceAsync(RawRecordReader.Read(stream), mock.BootstrapServers, options.Topic, null, null, ct);
                    }
                    finally
                    {
                        options.Producer.LingerMs = configuredLinger;
                    }

                    await ctx.Error.WriteLineAsync($"consume: produced {produced.Delivered:N0} record(s) from {fromFile} into the embedded cluster");
                }
                else
                {
                    await ctx.Error.WriteLineAsync("consume: the embedded cluster starts empty; give --from FILE, or run 'mkt kafka dev' and 'mkt produce' for a shared one.");
                }
            }

            Marketing.Llm.ILlmClient? llm = null;
            var enrichers = await Enrichment.CreateAsync(ctx, c => llm = c, ct);
            var service = new KafkaConsumerService(options, decoder, enrichers, store, ctx.Logger<KafkaConsumerService>())
            {
                // mkt status shows it: the breaker lives in this process only.
                StatusDetails = () => llm is { } l
                    ? new Dictionary<string, object?> { ["llm_breaker"] = l.Usage.BreakerState, ["llm_calls"] = l.Usage.Calls, ["llm_failures"] = l.Usage.Failures, ["llm_cache_hits"] = l.Usage.CacheHits }
                    : new Dictionary<string, object?> { ["llm_breaker"] = "offline" },
            };
            await service.StartAsync(ct);
            var progress = Stopwatch.StartNew();
            try
            {
                while (!service.ExecuteTask!.IsCompleted)
                {
                    await Task.WhenAny(service.ExecuteTask, Task.Delay(TimeSpan.FromSeconds(5), ct));
                    if (!service.ExecuteTask.IsCompleted)
                    {
                        var s = service.Counters.Snapshot();
                        // A consumer busy with one thing for long says what it waits on (a store that is down, a hung close).
                        var doing = service.Activity;
                        var waiting = doing.What != "polling" && doing.Elapsed > TimeSpan.FromSeconds(10) ? $"; {doing.What} for {doing.Elapsed.TotalSeconds:N0} s" : "";
                        await ctx.Error.WriteLineAsync($"consume: {s.Messages:N0} messages, {s.Stored:N0} stored, {s.Duplicates:N0} duplicates, {s.Rejected:N0} rejected ({s.Messages / progress.Elapsed.TotalSeconds:N0} msg/s){waiting}");
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C / SIGTERM: stop below, which finishes the in-flight batch and commits it.
            }

            await service.StopAsync(CancellationToken.None);
            var failed = service.ExecuteTask is { IsFaulted: true } ? service.ExecuteTask.Exception?.GetBaseException() : null;
            var summary = service.Counters.Snapshot();
            if (parse.GetValue(json))
            {
                ctx.WriteJson(summary);
            }
            else
            {
                ctx.Out.WriteLine($"messages    {summary.Messages:N0}");
                ctx.Out.WriteLine($"read        {summary.Read:N0}");
                ctx.Out.WriteLine($"stored      {summary.Stored:N0}");
                ctx.Out.WriteLine($"duplicates  {summary.Duplicates:N0}");
                ctx.Out.WriteLine($"rejected    {summary.Rejected:N0}");
                foreach (var (reason, count) in summary.RejectedByReason)
                {
                    ctx.Out.WriteLine($"  {reason,-14}{count:N0}");
                }
            }

            if (failed is not null)
            {
                await ctx.Error.WriteLineAsync($"mkt consume: the consumer stopped on an error: {failed.Message}");
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Kafka()
    {
        var brokers = new Option<int>("--brokers") { Description = "Mock brokers.", DefaultValueFactory = _ => 3 };
        var topics = new Option<string[]>("--topic") { Description = "Topic(s) to create up front (repeatable). Others are auto-created with 4 partitions.", AllowMultipleArgumentsPerToken = true };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each --topic. Each mock partition keeps ~5 MiB / 100k message sets, then drops its oldest.", DefaultValueFactory = _ => 16 };
        var dev = new Command("dev", "Start librdkafka's mock cluster in this process, print bootstrap=HOST:PORT,... and serve until Ctrl-C / SIGTERM.") { brokers, topics, partitions };
        dev.WithAction(async (ctx, parse, ct) =>
        {
            var n = parse.GetValue(brokers);
            if (n is < 1 or > 16)
            {
                throw new UsageException("--brokers must be between 1 and 16.");
            }

            var p = parse.GetValue(partitions);
            if (p is < 1 or > 10_000)
            {
                throw new UsageException("--partitions must be between 1 and 10000.");
            }

            using var mock = KafkaMockCluster.Start(n, ctx.Logger<KafkaMockCluster>());
            foreach (var t in parse.GetValue(topics) ?? [])
            {
                mock.CreateTopic(t, p);
            }

            await ctx.Out.WriteLineAsync($"bootstrap={mock.BootstrapServers}");
            await ctx.Out.FlushAsync(ct);
            await ctx.Error.WriteLineAsync($"kafka dev: {n} mock broker(s) serving; each partition keeps ~{KafkaMockCluster.PartitionByteCap >> 20} MiB or {KafkaMockCluster.PartitionMessageSetCap:N0} message sets and silently drops its oldest beyond that. Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await ctx.Error.WriteLineAsync("kafka dev: stopped.");
            }

            return ExitCodes.Ok;
        });
        return new Command("kafka", "Kafka tools.") { dev };
    }

    private static KafkaOptions ResolveOptions(CliContext ctx, string? bootstrap, string? topic)
    {
        var options = KafkaOptions.FromConfiguration(ctx.Configuration);
        options.BootstrapServers = bootstrap ?? options.BootstrapServers;
        options.Topic = topic ?? options.Topic;
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            throw new UsageException("--bootstrap is empty: give host:port,... or 'embedded'.");
        }

        if (string.IsNullOrWhiteSpace(options.Topic) || options.Topic.Length > 200 || options.Topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new UsageException($"--topic '{options.Topic}' is not a valid Kafka topic name (letters, digits, '.', '_', '-').");
        }

        return options;
    }

    private static KafkaMockCluster StartMock(CliContext ctx, KafkaOptions options) =>
        KafkaMockCluster.Start(options.MockBrokers, ctx.Logger<KafkaMockCluster>());

    /// <summary>Warns when the target is a mock cluster and the file would overflow its per-partition cap.</summary>
    private static async Task WarnAboutMockCapAsync(CliContext ctx, string servers, string topic, long fileBytes)
    {
        if (fileBytes == 0 || !await KafkaMockCluster.IsMockAsync(servers, TimeSpan.FromSeconds(5)))
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).SetLogHandler((_, _) => { }).Build();
        var meta = admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
        var partitions = Math.Max(1, meta.Topics.FirstOrDefault()?.Partitions.Count ?? KafkaMockCluster.AutoCreatePartitions);
        if (KafkaMockCluster.PartitionsFor(fileBytes, minimum: 1) > partitions)
        {
            await ctx.Error.WriteLineAsync(
                $"produce: warning: {servers} is a librdkafka mock cluster; this file puts about {fileBytes / partitions >> 20} MiB on each of the {partitions} partition(s) of '{topic}', " +
                $"and a mock partition keeps only ~{KafkaMockCluster.PartitionByteCap >> 20} MiB before it silently drops the oldest messages. " +
                $"Restart it with 'mkt kafka dev --topic {topic} --partitions {KafkaMockCluster.PartitionsFor(fileBytes)}', or keep a consumer running while producing.");
        }
    }

    private static IRecordDecoder CreateDecoder(CliContext ctx, string? format)
    {
        var options = new IngestOptions();
        ctx.Configuration.GetSection(IngestOptions.SectionName).Bind(options);
        try
        {
            var brands = ctx.TryLoadBrands();
            return RecordDecoders.Create(options, brands is null ? null : new BrandMatcher(brands), format);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

}
