using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Units;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>Copy-PresenceSyncStore's engine: SQLite to PostgreSQL and back, whole, with ids, and never over data unless forced.</summary>
    public class StoreCopyTests
    {
        private static EngineFixture Filled()
        {
            var f = new EngineFixture(Backends.Sqlite);
            new BusinessUnitService(f.Context).New("Support", "second unit");
            foreach (var n in Enumerable.Range(1, 5))
            {
                f.Agent("A" + n, $"u{n}@contoso.test", "Sales", n % 2 == 0 ? "Vip" : "Team" + n);
                f.User($"u{n}@contoso.test");
            }
            new AutoMapper(f.Context).Run(null);
            new RuleService(f.Context).New(null, new RuleChange { Name = "R", Rows = new[] { "Inbound => Busy/InACall", "Available => Clear" }.Select(RuleRowParser.Parse).ToList() });
            new AssignmentService(f.Context).Add(null, "R", AssignmentScope.Default, null, 100, false);
            new AcdEventIntake(f.Context).Accept(new AcdEvent { AgentId = "A1", State = "Inbound" });
            var unit = f.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, null));
            f.Store.Write((c, tx) => Db.Execute(c, tx, "UPDATE agent_sync SET session_state = 'Busy/InACall', pending_write = NULL WHERE unit_id = $u AND agent_id = 'A1'", ("$u", unit.Id)));
            f.Store.Write((c, tx) => Db.Execute(c, tx, "INSERT INTO app_credential (uid, client_id, credential_type, secret_storage, protected_secret, updated_utc) VALUES ('x', 'c1', 'ClientSecret', 'Dpapi', $b, 't')",
                ("$b", new byte[] { 1, 2, 3, 250 })));
            return f;
        }

        /// <summary>Every table's rows as sorted text, without the run lock and the schema bookkeeping.</summary>
        private static Dictionary<string, List<string>> Content(PresenceStore store) => store.Read((c, tx) =>
        {
            var tables = store.Kind == "PostgreSQL"
                ? Db.Query(c, tx, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", r => r.GetString(0))
                : Db.Query(c, tx, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0));
            var content = new Dictionary<string, List<string>>();
            foreach (var table in tables.Where(t => t != "sync_lock" && t != "presencesync_schema").OrderBy(t => t, StringComparer.Ordinal))
            {
                content[table] = Db.Query(c, tx, $"SELECT * FROM {table}", r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i =>
                    r.GetName(i) + "=" + (r.IsDBNull(i) ? "null" : r.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))))
                    .OrderBy(s => s, StringComparer.Ordinal).ToList();
            }
            return content;
        });

        [SkippableFact]
        public void A_store_copied_to_PostgreSQL_and_back_is_the_same_row_for_row()
        {
            var source = Filled();
            var pg = new EngineFixture(Backends.Postgres);
            var host = new RecordingHost();
            var copy = new StoreCopier(source.Store, pg.Store, host).Copy(force: false)!;
            Assert.Equal(2, copy.Units);
            Assert.Equal("SQLite", copy.FromBackend);
            Assert.Equal("PostgreSQL", copy.ToBackend);
            Assert.DoesNotContain("Password", copy.To, StringComparison.OrdinalIgnoreCase);
            var expected = Content(source.Store);
            Assert.Equal(expected, Content(pg.Store));
            Assert.Contains(host.Progress, p => p.Completed);

            var back = new EngineFixture(Backends.Sqlite);
            new StoreCopier(pg.Store, back.Store, new RecordingHost()).Copy(force: false);
            Assert.Equal(expected, Content(back.Store));
            Assert.True(copy.Rows > 30);

            // The copy is a working store: new rows get new ids, the held session is known.
            new RuleService(pg.Context).New(null, new RuleChange { Name = "R2", Rows = new[] { "Idle => Away/Away" }.Select(RuleRowParser.Parse).ToList() });
            new BusinessUnitService(pg.Context).New("Third", null);
            var unit = pg.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, null));
            Assert.Equal("Busy/InACall", pg.Store.Read((c, tx) => AgentSyncRepository.Find(c, tx, unit, "a1"))!.SessionState!.ToString());
        }

        [SkippableFact]
        public void A_target_with_data_is_refused_without_Force_and_replaced_with_it()
        {
            var source = Filled();
            var pg = new EngineFixture(Backends.Postgres);
            pg.Agent("Other", null);
            var before = Content(pg.Store);
            var ex = Assert.Throws<PresenceSyncException>(() => new StoreCopier(source.Store, pg.Store, new RecordingHost()).Copy(force: false));
            Assert.Equal(StoreErrorIds.StoreCopyTargetNotEmpty, ex.Error.ErrorId);
            Assert.Equal(before, Content(pg.Store));

            var declined = new RecordingHost { Approve = false };
            Assert.Null(new StoreCopier(source.Store, pg.Store, declined).Copy(force: true));
            Assert.Equal(before, Content(pg.Store));

            new StoreCopier(source.Store, pg.Store, new RecordingHost()).Copy(force: true);
            Assert.Equal(Content(source.Store), Content(pg.Store));
            var same = Assert.Throws<PresenceSyncException>(() => new StoreCopier(pg.Store, pg.NewStore(), new RecordingHost()).Copy(force: true));
            Assert.Equal(StoreErrorIds.StoreCopySameStore, same.Error.ErrorId);
        }
    }
}
