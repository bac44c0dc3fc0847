using System.Collections.Concurrent;
using Marketing.Core.Domain;

namespace Marketing.Web;

/// <summary>Sentiment answers by exact text, bounded: the oldest half is dropped when full.</summary>
public sealed class ScoreCache(int capacity = 50_000)
{
    private readonly ConcurrentDictionary<string, (SentimentResult Result, long Seq)> _items = new(StringComparer.Ordinal);
    private long _seq;

    public bool TryGet(string text, out SentimentResult result)
    {
        if (_items.TryGetValue(text, out var hit))
        {
            result = hit.Result;
            return true;
        }

        result = null!;
        return false;
    }

    public void Add(string text, SentimentResult result)
    {
        _items[text] = (result, Interlocked.Increment(ref _seq));
        if (_items.Count > capacity)
        {
            var cut = Interlocked.Read(ref _seq) - (capacity / 2);
            foreach (var kv in _items.Where(kv => kv.Value.Seq < cut).ToList())
            {
                _items.TryRemove(kv.Key, out _);
            }
        }
    }
}
