using System;
using System.IO;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.TeamsDirectory;
using PresenceSync.Tests.Postgres;

namespace PresenceSync.Engine.Tests
{
    /// <summary>
    /// An engine over a fresh store with a recording host: a new SQLite file, or a new database on
    /// the test PostgreSQL server (the test is skipped, saying why, when no server can be started).
    /// </summary>
    public sealed class EngineFixture
    {
        public EngineFixture(string backend = Backends.Sqlite)
        {
            Backend = backend;
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-engine-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(dir);
            Path = System.IO.Path.Combine(dir, "store.db");
            if (backend == Backends.Postgres) ConnectionString = PostgresServer.NewDatabase();
            Store = NewStore();
            Host = new RecordingHost();
            Context = new EngineContext(Store, Host);
        }

        public string Backend { get; }

        /// <summary>The SQLite file (also made for PostgreSQL fixtures, for tests that need a folder).</summary>
        public string Path { get; }

        /// <summary>The PostgreSQL database's connection string, or null for SQLite.</summary>
        public string? ConnectionString { get; }

        /// <summary>Another PresenceStore instance over the same store (as a second process has).</summary>
        public PresenceStore NewStore() => ConnectionString != null ? PresenceStore.FromConnectionString(ConnectionString) : new PresenceStore(Path);
        public PresenceStore Store { get; }
        public RecordingHost Host { get; }
        public EngineContext Context { get; }

        public void Agent(string id, string? email, params string[] teams)
        {
            var import = new AgentImport(Context, null);
            import.Begin();
            import.Process(new AgentInput { AgentId = id, Email = email, Teams = teams });
        }

        public Guid User(string upn, string? mail = null, params string[] proxies)
        {
            var id = Guid.NewGuid();
            var import = new TeamsUserImport(Context, null);
            import.Begin();
            import.Process(new TeamsUserInput { Id = id.ToString(), UserPrincipalName = upn, Mail = mail, ProxyAddresses = proxies });
            return id;
        }

        public long Count(string table)
        {
            using var c = Store.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM " + table;
            return (long)cmd.ExecuteScalar()!;
        }

        /// <summary>Makes the store fail the Nth insert into a table, to prove multi-row changes roll back.</summary>
        public void FailInsertAfter(string table, int rowsAllowed)
        {
            using var c = Store.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = ConnectionString == null
                ? $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN (SELECT COUNT(*) FROM {table}) >= {rowsAllowed} " +
                  "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
                : $"CREATE FUNCTION fail_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF (SELECT COUNT(*) FROM {table}) >= {rowsAllowed} " +
                  $"THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$; " +
                  $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_{table}();";
            cmd.ExecuteNonQuery();
        }
    }
}
