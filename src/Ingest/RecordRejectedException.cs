namespace Marketing.Ingest;

/// <summary>Thrown while mapping one record; the decoder turns it into a <see cref="Core.Domain.RejectedRecord"/>.</summary>
public sealed class RecordRejectedException(string reason, string detail) : Exception(detail)
{
    public string Reason { get; } = reason;
}
