namespace Marketing.Core.Domain;

/// <param name="Inserted">Posts that were new to the store.</param>
/// <param name="Updated">Posts whose (platform, id) was already stored; the row was updated in place.</param>
public readonly record struct UpsertResult(int Inserted, int Updated)
{
    public static UpsertResult operator +(UpsertResult a, UpsertResult b) => new(a.Inserted + b.Inserted, a.Updated + b.Updated);

    public static UpsertResult Add(UpsertResult a, UpsertResult b) => a + b;
}
