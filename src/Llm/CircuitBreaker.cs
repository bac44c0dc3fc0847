namespace Marketing.Llm;

/// <summary>
/// Closed → open after <c>threshold</c> consecutive failures → half-open after the cool-down, when exactly one probe
/// is let through: its success closes the breaker, its failure opens it for another cool-down. While open, callers
/// are refused without any HTTP call, so a dead endpoint costs nothing and the pipeline falls back at once.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan cooldown, TimeProvider time)
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half-open";

    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;
    private string _state = Closed;
    private bool _probeInFlight;

    /// <summary>closed, open or half-open (open turns half-open once the cool-down has passed).</summary>
    public string State
    {
        get
        {
            lock (_gate)
            {
                return _state == Open && time.GetUtcNow() - _openedAt >= cooldown ? HalfOpen : _state;
            }
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    /// <summary>True when a call may go out now. In half-open, only the first caller gets through (the probe).</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_state == Closed)
            {
                return true;
            }

            if (_state == Open)
            {
                if (time.GetUtcNow() - _openedAt < cooldown)
                {
                    return false;
                }

                _state = HalfOpen;
                _probeInFlight = false;
            }

            if (_probeInFlight)
            {
                return false;
            }

            _probeInFlight = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _state = Closed;
            _probeInFlight = false;
        }
    }

    /// <summary>Records a failed attempt; returns true when this failure opened the breaker.</summary>
    public bool RecordFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_state == HalfOpen || (_state == Closed && _consecutiveFailures >= threshold))
            {
                _state = Open;
                _openedAt = time.GetUtcNow();
                _probeInFlight = false;
                return true;
            }

            return false;
        }
    }

    /// <summary>A probe that ended without an answer either way (the caller cancelled): let the next caller probe.</summary>
    public void ReleaseProbe()
    {
        lock (_gate)
        {
            _probeInFlight = false;
        }
    }
}
