namespace Marketing.TestSupport;

public enum StoreKind
{
    Sqlite,
    Postgres,
}
