using Marketing.Core.Domain;

namespace Marketing.Core.Storage;

/// <summary>
/// A batch made ready for one store's write (<see cref="IPostStore.Prepare"/>): validated, repeats within the batch
/// folded (the last copy wins), rows built and, for SQLite, text encoded. Preparing is the per-post work of a write
/// that needs no database, so a pipeline can do it on its decoding threads while the single writer thread runs the
/// previous batch's statements. It is a snapshot: prepare after the last change to the posts (scoring included); a new
/// post's ingestion time is the time it was prepared.
/// Disposing returns its buffers; a batch may be written more than once (a retried write) until then.
/// </summary>
public sealed class PreparedPosts : IDisposable
{
    private IDisposable? _backend;

    internal PreparedPosts(IPostStore? owner, IReadOnlyList<SocialPost> posts, SocialPost[] distinct, PostRow[] rows)
    {
        Owner = owner;
        Posts = posts;
        Distinct = distinct;
        Rows = rows;
    }

    /// <summary>The posts as given to <see cref="IPostStore.Prepare"/>.</summary>
    public IReadOnlyList<SocialPost> Posts { get; }

    /// <summary>The store that prepared the batch; another store prepares it again before writing it.</summary>
    internal IPostStore? Owner { get; }

    /// <summary>The posts distinct on (platform, post id), in the order of their first copy, each its last copy.</summary>
    internal SocialPost[] Distinct { get; }

    /// <summary>The rows of <see cref="Distinct"/>, in the same order.</summary>
    internal PostRow[] Rows { get; }

    /// <summary>What the backend prepared besides the rows (SQLite: the rows' text as UTF-8), or null.</summary>
    internal IDisposable? Backend
    {
        get => Volatile.Read(ref _backend);
        set => _backend = value;
    }

    /// <summary>A batch prepared by no store: the store it is written to prepares it (stores that prepare nothing use the posts as they are).</summary>
    public static PreparedPosts Unprepared(IReadOnlyList<SocialPost> posts) => new(null, posts, [], []);

    public void Dispose() => Interlocked.Exchange(ref _backend, null)?.Dispose();
}
