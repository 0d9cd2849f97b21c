using System;
using System.IO;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Where a scenario keeps its store: a SQLite file in the benchmark's folder, or a database of
    /// its own on PostgreSQL (the benchmark's throw-away server, or --pg-connection's). A store is a
    /// path or a connection string, as Set-PresenceSyncStore takes them.
    /// </summary>
    internal sealed class BenchmarkStores : IDisposable
    {
        private readonly string _dir;
        private readonly string? _connection;
        private BenchmarkPostgres? _server;

        public BenchmarkStores(string backend, string dir, string? connection)
        {
            Backend = backend;
            _dir = dir;
            _connection = connection;
        }

        /// <summary>sqlite or postgres.</summary>
        public string Backend { get; }
        public bool Postgres => Backend == "postgres";

        public static bool IsConnectionString(string store) => store.Contains('=');

        /// <summary>What the report says of the backend.</summary>
        public string Describe() => Postgres ? (_connection != null ? "PostgreSQL (--pg-connection)" : $"PostgreSQL {_server?.Version ?? ""} on loopback, fsync on") : "SQLite (WAL) in a temp folder";

        public string For(string name)
        {
            if (!Postgres) return Path.Combine(_dir, name + ".db");
            if (_connection != null) return _connection;
            _server ??= BenchmarkPostgres.Start();
            return _server.NewDatabase("bench_" + name.Replace('-', '_') + "_" + Guid.NewGuid().ToString("N").Substring(0, 6));
        }

        public void Dispose() => _server?.Dispose();
    }
}
