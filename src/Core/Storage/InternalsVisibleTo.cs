using System.Runtime.CompilerServices;

// The benchmarks compare store variants in one process (bench/Bench IngestBench: a schema version, bulk-connection
// settings); see SqlitePostStore.OpenVariantAsync.
[assembly: InternalsVisibleTo("mkt-bench")]

// The store tests test the storage layer's internal parts directly where the public API cannot reach them
// (KnownAuthorSet's concurrency).
[assembly: InternalsVisibleTo("Marketing.Core.Tests")]
