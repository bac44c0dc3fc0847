using System.Runtime.CompilerServices;

// The benchmarks compare store variants in one process (bench/Bench IngestBench: a schema version, bulk-connection
// settings); see SqlitePostStore.OpenVariantAsync.
[assembly: InternalsVisibleTo("mkt-bench")]
