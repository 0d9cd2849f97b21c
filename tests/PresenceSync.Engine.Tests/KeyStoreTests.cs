using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Migrations;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>Migration V011 (key columns) and the engine's own wildcard matcher.</summary>
    public class KeyStoreTests
    {
        private static string Version8Store(string rows)
        {
            var dir = Path.Combine(Path.GetTempPath(), "presencesync-engine-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "v8.db");
            using (var c = new SqliteConnection("Data Source=" + path))
            {
                c.Open();
                foreach (var m in MigrationCatalog.All.Where(m => m.Version <= 8)) new SqliteCommand(m.Sql, c).ExecuteNonQuery();
                new SqliteCommand("PRAGMA user_version = 8;" + rows, c).ExecuteNonQuery();
            }
            SqliteConnection.ClearAllPools();
            return path;
        }

        private static long Count(string path, string sql)
        {
            using var c = new SqliteConnection("Data Source=" + path);
            c.Open();
            var n = Convert.ToInt64(new SqliteCommand(sql, c).ExecuteScalar());
            SqliteConnection.ClearPool(c);
            return n;
        }

        [Fact]
        public void Stored_ids_that_collide_under_the_key_rule_stop_the_migration_named_and_nothing_is_lost()
        {
            var path = Version8Store(@"
INSERT INTO agent (unit_id, agent_id, created_utc, updated_utc) VALUES (1, 'Ägent1', 'x', 'x'), (1, 'ägent1', 'x', 'x'), (1, 'B1', 'x', 'x');");
            var ex = Assert.Throws<PresenceSyncException>(() => new PresenceStore(path).SchemaVersion);
            Assert.Equal(ErrorIds.StoreKeyCollision, ex.Error.ErrorId);
            Assert.Contains("'Ägent1' and 'ägent1' in business unit 'Default'", ex.Error.Message);
            SqliteConnection.ClearAllPools();
            // The store stops before the key migration (earlier ones, each in its own transaction, may have run): every row still there.
            Assert.InRange(Count(path, "PRAGMA user_version"), 8, 10);
            Assert.Equal(3, Count(path, "SELECT COUNT(*) FROM agent"));
        }

        [Fact]
        public void A_clean_store_migrates_and_a_second_spelling_can_never_be_stored()
        {
            var path = Version8Store(@"
INSERT INTO agent (unit_id, agent_id, created_utc, updated_utc) VALUES (1, 'Ägent1', 'x', 'x'), (1, 'B1', 'x', 'x');");
            var store = new PresenceStore(path);
            Assert.Equal(MigrationCatalog.LatestVersion, store.SchemaVersion);
            Assert.Equal("ÄGENT1", store.Read((c, tx) => (string)Db.Scalar(c, tx, "SELECT agent_key FROM agent WHERE agent_id = 'Ägent1'")!));
            var fail = Assert.Throws<SqliteException>(() => store.Write((c, tx) =>
                Db.Execute(c, tx, "INSERT INTO agent (unit_id, agent_id, agent_key, created_utc, updated_utc) VALUES (1, 'ägent1', $k, 'x', 'x')", ("$k", KeyText.Fold("ägent1")))));
            Assert.Contains("UNIQUE", fail.Message);
            Assert.Equal(1, store.Read((c, tx) => Convert.ToInt64(Db.Scalar(c, tx, "SELECT COUNT(*) FROM business_unit WHERE name_key = 'DEFAULT'"))));
        }

        [SkippableFact]
        public void On_PostgreSQL_keys_are_filled_by_the_same_step_and_a_second_spelling_is_one_agent()
        {
            var f = new EngineFixture(Backends.Postgres);
            Assert.Equal(MigrationCatalog.LatestVersion, f.Store.SchemaVersion);
            Assert.Equal("DEFAULT", f.Store.Read((c, tx) => (string)Db.Scalar(c, tx, "SELECT name_key FROM business_unit WHERE name = 'Default'")!));
            f.Agent("Ägent1", "a1@contoso.test");
            f.Agent("ägent1", "a1-new@contoso.test");
            Assert.Equal(1L, f.Count("agent"));
            Assert.Equal("Ägent1", f.Store.Read((c, tx) => (string)Db.Scalar(c, tx, "SELECT agent_id FROM agent WHERE agent_key = $k", ("$k", KeyText.Fold("ÄGENT1")))!));
            var fail = Assert.Throws<Npgsql.PostgresException>(() => f.Store.Write((c, tx) =>
                Db.Execute(c, tx, "INSERT INTO agent (unit_id, agent_id, agent_key, created_utc, updated_utc) VALUES (1, 'A\u0308gent1', $k, 'x', 'x')", ("$k", KeyText.Fold("ägent1")))));
            Assert.Equal("23505", fail.SqlState);
        }

        [Theory]
        [InlineData("A*", "a1", true)]
        [InlineData("A?", "A12", false)]
        [InlineData("A[1-3]", "A2", true)]
        [InlineData("A[1-3]", "A4", false)]
        [InlineData("*[Ää]gent*", "xÄGENTy", true)]
        [InlineData("A`*", "A*", true)]
        [InlineData("A`*", "AB", false)]
        [InlineData("A`[1`]", "A[1]", true)]
        [InlineData("*a*b*c*", "xxaxxbxxcxx", true)]
        [InlineData("*a*b*c*", "xxaxxcxxbxx", false)]
        public void The_wildcard_matcher_knows_star_question_sets_and_backtick(string pattern, string value, bool match) =>
            Assert.Equal(match, new WildcardPattern(pattern).IsMatch(value));

        [Fact]
        public void Without_sets_brackets_are_plain_characters()
        {
            var pattern = new WildcardPattern("A[1]", sets: false);
            Assert.False(pattern.HasWildcards);
            Assert.True(pattern.IsMatch("a[1]"));
            Assert.False(pattern.IsMatch("A1"));
            Assert.True(new WildcardPattern("[z-a]*", sets: false).IsMatch("[z-a]x"));
        }

        [Theory]
        [InlineData("[z-a]", "runs backwards")]
        [InlineData("A[", "never closed")]
        [InlineData("A]", "closes no")]
        [InlineData("A[]", "empty")]
        [InlineData("A`", "backtick")]
        public void A_bad_pattern_is_an_InvalidWildcardPattern_error(string pattern, string why)
        {
            var ex = Assert.Throws<PresenceSyncException>(() => new WildcardPattern(pattern));
            Assert.Equal(ErrorIds.InvalidWildcardPattern, ex.Error.ErrorId);
            Assert.Contains(why, ex.Error.Message);
            Assert.False(ex.Fatal);
        }

        [Fact]
        public void The_key_comparer_is_the_store_fold()
        {
            foreach (var (a, b) in new[] { ("Ägent1", "ägent1"), ("A\u0308gent1", "ÄGENT1"), ("straße", "STRAßE") })
            {
                Assert.True(KeyComparer.Instance.Equals(a, b));
                Assert.Equal(KeyComparer.Instance.GetHashCode(a), KeyComparer.Instance.GetHashCode(b));
                Assert.Equal(KeyText.Fold(a), KeyText.Fold(b));
            }
            Assert.False(KeyComparer.Instance.Equals("A1", "A[1]"));
        }
    }
}
