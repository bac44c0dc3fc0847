using System.Collections.Concurrent;
using System.Threading.Channels;
using Marketing.Generation.Channels;
using Marketing.Generation.Drafting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Web.Jobs;

/// <summary>
/// Draft jobs: requests queue here and a background worker runs them through <see cref="DraftGenerator"/>. An
/// identical request (same brand, channels, segments, variants, goal) while its job is queued, running or done is
/// served from that job: the response says it came from cache.
/// </summary>
public sealed class DraftJobQueue(WebServices services, WebMetrics metrics, ILoggerFactory loggers, TimeProvider time) : BackgroundService
{
    private readonly Channel<DraftJob> _queue = Channel.CreateBounded<DraftJob>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, DraftJob> _byId = new();
    private readonly ConcurrentDictionary<string, DraftJob> _byKey = new();
    private readonly ILogger _log = loggers.CreateLogger<DraftJobQueue>();

    public DraftJob? Get(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<DraftJob> Recent(int n) => _byId.Values.OrderByDescending(j => j.CreatedAt).Take(n).ToList();

    /// <summary>Validates and queues a request, or returns the job already made for the same request.</summary>
    public (DraftJob Job, bool Cached) Submit(DraftJobRequest request)
    {
        var brand = services.Watchlist?.Find(request.Brand)
                    ?? throw new ArgumentException($"Unknown brand '{request.Brand}'. Known: {string.Join(", ", services.Watchlist?.Brands.Select(b => b.Id) ?? [])}.");
        var unknown = request.Channels.Where(c => !ChannelIds.All.Contains(c)).ToList();
        if (request.Channels.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"Channels must be some of {string.Join(", ", ChannelIds.All)}" + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}." : "."));
        }

        if (request.Variants is < 1 or > 10)
        {
            throw new ArgumentException("Variants must be between 1 and 10.");
        }

        request = request with { Brand = brand.Id };
        var key = request.CacheKey();
        if (_byKey.TryGetValue(key, out var existing) && existing.Status != "failed")
        {
            metrics.DraftCacheHits.Increment();
            return (existing, true);
        }

        var job = new DraftJob { Id = Guid.NewGuid().ToString("N")[..12], Key = key, Request = request, CreatedAt = time.GetUtcNow() };
        _byId[job.Id] = job;
        _byKey[key] = job;
        if (!_queue.Writer.TryWrite(job))
        {
            job.Status = "failed";
            job.Error = "The draft queue is full; try again in a minute.";
        }

        metrics.DraftJobs.Increment();
        return (job, false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            job.Status = "running";
            try
            {
                var brand = services.Watchlist!.Find(job.Request.Brand)!;
                var generator = new DraftGenerator(services.Store, services.Llm, loggers.CreateLogger<DraftGenerator>(), time);
                var set = await generator.GenerateAsync(new DraftRequest
                {
                    Brand = brand,
                    Watchlist = services.Watchlist,
                    Channels = job.Request.Channels,
                    Segments = job.Request.Segments,
                    Variants = job.Request.Variants,
                    Goal = job.Request.Goal,
                }, stoppingToken);
                await DraftArtifacts.SaveAsync(services.Store, set, stoppingToken);
                job.Result = set;
                job.Status = "done";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogWarning(ex, "Draft job {Job} for {Brand} failed", job.Id, job.Request.Brand);
                job.Error = ex.Message;
                job.Status = "failed";
            }

            job.FinishedAt = time.GetUtcNow();
        }
    }
}
