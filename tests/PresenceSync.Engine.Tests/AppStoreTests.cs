using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Migrations;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>Version 4 of the store: several apps per unit, credentials shared by client id, agents assigned to apps.</summary>
    public class AppStoreTests
    {
        private const string AppA = "5e0c1a10-0000-4000-8000-00000000000a";
        private const string AppB = "5e0c1a10-0000-4000-8000-00000000000b";

        [Fact]
        public void A_version_3_store_keeps_its_apps_and_agents_hold_their_sessions_through_the_app_they_had()
        {
            var dir = Path.Combine(Path.GetTempPath(), "presencesync-engine-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "v3.db");
            using (var c = new SqliteConnection("Data Source=" + path))
            {
                c.Open();
                foreach (var m in MigrationCatalog.All.Where(m => m.Version <= 3)) new SqliteCommand(m.Sql, c).ExecuteNonQuery();
                new SqliteCommand(@"PRAGMA user_version = 3;
INSERT INTO business_unit (name, created_utc) VALUES ('Other', '2026-01-01T00:00:00.000Z');
INSERT INTO sync_app (unit_id, tenant_id, client_id, credential_type, secret_storage, protected_secret, credential_expires_utc, permissions,
    authority_host, graph_base_url, created_utc, updated_utc)
VALUES (1, 'contoso.test', '" + AppA + @"', 'ClientSecret', 'Environment', NULL, NULL, 'User.Read.All', 'https://login.microsoftonline.com/',
    'https://graph.microsoft.com/v1.0', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
       (2, 'contoso.test', '" + AppA + @"', 'ClientSecret', 'Environment', NULL, '2027-01-01T00:00:00.000Z', 'User.Read.All', 'https://login.microsoftonline.com/',
    'https://graph.microsoft.com/v1.0', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
INSERT INTO agent (unit_id, agent_id, created_utc, updated_utc) VALUES (1, 'A1', 'x', 'x'), (1, 'A2', 'x', 'x');
INSERT INTO agent_sync (unit_id, agent_id, teams_user_id, session_state) VALUES (1, 'A1', '" + Guid.NewGuid() + @"', 'Busy/InACall'),
    (1, 'Gone', '" + Guid.NewGuid() + "', 'Busy/InACall');", c).ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();

            var store = new PresenceStore(path);
            Assert.Equal(MigrationCatalog.LatestVersion, store.SchemaVersion);
            store.Read((c, tx) =>
            {
                var units = BusinessUnitRepository.All(c, tx);
                var first = AppRepository.ForUnit(c, tx, units[0]).Single();
                var second = AppRepository.ForUnit(c, tx, units[1]).Single();
                Assert.Equal(AppA, first.ClientId);
                // The two units recorded the same client id: one credential, the newest (unit 2's, with its expiry).
                Assert.Equal(first.CredentialId, second.CredentialId);
                Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), first.CredentialExpiresUtc);
                Assert.Equal(1, first.CredentialVersion);
                var assigned = AgentAppRepository.ForUnit(c, tx, units[0]);
                // Every agent, and the agent that left but may hold a session, writes through the app it had.
                Assert.Equal(new[] { "A1", "A2", "Gone" }, assigned.Keys.OrderBy(k => k));
                Assert.All(assigned.Values, v => Assert.Equal(first.Id, v));
                return true;
            });
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void New_agents_go_to_the_app_with_fewest_and_agents_keep_their_app(string backend)
        {
            var f = new EngineFixture(backend);
            var unit = f.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, null));
            Save(f, unit, AppA);
            foreach (var n in Enumerable.Range(1, 4)) f.Agent("A" + n, null);
            var first = f.Store.Write((c, tx) => AppAssignment.AssignAll(c, tx, unit, DateTime.UtcNow));
            Assert.All(first.Values, a => Assert.Equal(AppA, a.ClientId));
            // A1 and A2 hold sessions: when a second app comes, only agents without one move to it.
            f.Store.Write((c, tx) => Db.Execute(c, tx, "INSERT INTO agent_sync (unit_id, agent_id, session_state) VALUES ($u, 'A1', 'Busy/InACall'), ($u, 'A2', 'Busy/InACall')", ("$u", unit.Id)));
            Save(f, unit, AppB);
            f.Store.Write((c, tx) => AppAssignment.Rebalance(c, tx, unit, DateTime.UtcNow));
            foreach (var n in Enumerable.Range(5, 4)) f.Agent("A" + n, null);
            var after = f.Store.Write((c, tx) => AppAssignment.AssignAll(c, tx, unit, DateTime.UtcNow));
            Assert.Equal(AppA, after["A1"].ClientId);
            Assert.Equal(AppA, after["A2"].ClientId);
            Assert.Equal(4, after.Values.Count(a => a.ClientId == AppA));
            Assert.Equal(4, after.Values.Count(a => a.ClientId == AppB));
            // Stable: asking again changes nothing.
            var again = f.Store.Write((c, tx) => AppAssignment.AssignAll(c, tx, unit, DateTime.UtcNow));
            Assert.All(after, p => Assert.Equal(p.Value.Id, again[p.Key].Id));
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Units_that_record_the_same_client_id_share_one_credential_whose_version_grows_with_each_change(string backend)
        {
            var f = new EngineFixture(backend);
            var (a, b) = f.Store.Write((c, tx) =>
            {
                BusinessUnitRepository.Insert(c, tx, "B", null, Db.Timestamp(DateTime.UtcNow));
                var all = BusinessUnitRepository.All(c, tx);
                return (all[0], all[1]);
            });
            var first = Save(f, a, AppA);
            var second = Save(f, b, AppA);
            Assert.Equal(first.CredentialId, second.CredentialId);
            var version = f.Store.Read((c, tx) => CredentialRepository.Version(c, tx, first.CredentialId));
            var changed = f.Store.Read((c, tx) => AppRepository.Find(c, tx, b, AppA))!;
            changed.CredentialChanged = true;
            changed.SecretStorage = SecretStorage.Environment;
            f.Store.Write((c, tx) => { AppRepository.Save(c, tx, b, changed); return true; });
            Assert.Equal(version + 1, f.Store.Read((c, tx) => CredentialRepository.Version(c, tx, first.CredentialId)));
            Assert.Equal(version + 1, f.Store.Read((c, tx) => AppRepository.Find(c, tx, a, AppA))!.CredentialVersion);
            // A change that is not the credential (the budget) keeps the version.
            changed.PresenceBudget = 100;
            f.Store.Write((c, tx) => { AppRepository.Save(c, tx, b, changed); return true; });
            Assert.Equal(version + 1, f.Store.Read((c, tx) => CredentialRepository.Version(c, tx, first.CredentialId)));
        }

        private static AppRecord Save(EngineFixture f, PresenceBusinessUnit unit, string clientId)
        {
            var record = new AppRecord
            {
                TenantId = "contoso.test", ClientId = clientId, CredentialType = CredentialType.ClientSecret, SecretStorage = SecretStorage.Environment,
                CredentialChanged = true, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, CredentialUpdatedUtc = DateTime.UtcNow,
            };
            f.Store.Write((c, tx) => { AppRepository.Save(c, tx, unit, record); return true; });
            return record;
        }
    }
}
