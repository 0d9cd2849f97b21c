using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class StoreTests
    {
        [Fact]
        public void A_new_store_is_migrated_to_the_latest_version_with_a_default_unit_and_WAL()
        {
            var f = new EngineFixture();
            Assert.Equal(Store.Migrations.MigrationCatalog.LatestVersion, f.Store.SchemaVersion);
            Assert.Equal(1, f.Count("business_unit"));
            using var c = f.Store.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", cmd.ExecuteScalar());
        }

        [Fact]
        public void Many_stores_opening_one_file_at_once_migrate_it_exactly_once()
        {
            var f = new EngineFixture();
            var path = Path.Combine(Path.GetDirectoryName(f.Path)!, "race.db");
            Parallel.For(0, 8, _ => Assert.Equal(Store.Migrations.MigrationCatalog.LatestVersion, new PresenceStore(path).SchemaVersion));
            var store = new PresenceStore(path);
            Assert.Equal(1, store.Read((c, tx) => Convert.ToInt32(new SqliteCommand("SELECT COUNT(*) FROM business_unit", (SqliteConnection)c, (SqliteTransaction)tx).ExecuteScalar())));
        }

        [Fact]
        public void A_store_from_a_newer_module_is_refused_and_left_alone()
        {
            var f = new EngineFixture();
            var path = Path.Combine(Path.GetDirectoryName(f.Path)!, "newer.db");
            using (var c = new SqliteConnection("Data Source=" + path))
            {
                c.Open();
                new SqliteCommand("CREATE TABLE x (y); PRAGMA user_version = 99;", c).ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();
            var ex = Assert.Throws<PresenceSyncException>(() => new PresenceStore(path).SchemaVersion);
            Assert.Equal(ErrorIds.StoreSchemaTooNew, ex.Error.ErrorId);
            Assert.True(ex.Fatal);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void A_failure_in_the_middle_of_an_auto_map_leaves_no_mapping_behind(string backend)
        {
            var f = new EngineFixture(backend);
            foreach (var n in Enumerable.Range(1, 5))
            {
                f.Agent("A" + n, $"u{n}@contoso.test");
                f.User($"u{n}@contoso.test");
            }
            f.FailInsertAfter("user_mapping", 3);

            Assert.ThrowsAny<System.Data.Common.DbException>(() => new AutoMapper(f.Context).Run(null));
            Assert.Equal(0, f.Count("user_mapping"));
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void A_failure_while_writing_a_rules_rows_leaves_the_old_rule_whole(string backend)
        {
            var f = new EngineFixture(backend);
            var service = new RuleService(f.Context);
            service.New(null, new RuleChange { Name = "R", Rows = new[] { "A => Busy/InACall", "B => Away/Away" }.Select(RuleRowParser.Parse).ToList() });
            f.FailInsertAfter("rule_row", 3);

            Assert.ThrowsAny<System.Data.Common.DbException>(() => service.Set(null, new RuleChange
            {
                Name = "R",
                Rows = new[] { "A => Busy/InACall", "B => Away/Away", "C => Available/Available", "D => DoNotDisturb/Presenting" }.Select(RuleRowParser.Parse).ToList(),
            }));
            var rule = service.Get(null, "R").Single();
            Assert.Equal(new[] { "A => Busy/InACall", "B => Away/Away" }, rule.Rows.Select(r => r.ToString()));
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Concurrent_writers_on_one_file_lose_nothing(string backend)
        {
            var f = new EngineFixture(backend);
            Parallel.For(0, 4, worker =>
            {
                var context = new EngineContext(f.NewStore(), new RecordingHost());
                var import = new Agents.AgentImport(context, null);
                import.Begin();
                for (var i = 0; i < 50; i++) import.Process(new AgentInput { AgentId = $"W{worker}-{i}" });
            });
            Assert.Equal(200, f.Count("agent"));
        }

        [Fact]
        public void Store_location_prefers_the_session_then_the_environment_then_the_default()
        {
            Assert.Equal("Session", StoreLocation.Resolve("/tmp/x.db").Source);
            var old = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, "/tmp/env.db");
                Assert.Equal(("/tmp/env.db", "Environment"), StoreLocation.Resolve(null));
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, null);
                var (path, source) = StoreLocation.Resolve(null);
                Assert.Equal("Default", source);
                Assert.EndsWith(Path.Combine("PresenceSync", "presencesync.db"), path);
            }
            finally
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, old);
            }
        }
    }
}
