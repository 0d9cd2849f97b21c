using System;
using System.IO;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Engine.Tests
{
    /// <summary>An engine over a fresh store file with a recording host.</summary>
    public sealed class EngineFixture
    {
        public EngineFixture()
        {
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-engine-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(dir);
            Path = System.IO.Path.Combine(dir, "store.db");
            Store = new PresenceStore(Path);
            Host = new RecordingHost();
            Context = new EngineContext(Store, Host);
        }

        public string Path { get; }
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
            cmd.CommandText = $"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN (SELECT COUNT(*) FROM {table}) >= {rowsAllowed} " +
                              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";
            cmd.ExecuteNonQuery();
        }
    }
}
