using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Migrations;
using PresenceSync.Engine.Store.Migrations.Postgres;
using PresenceSync.Tests.Postgres;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>What only the PostgreSQL store has: connection strings, sign-in, grants and concurrent upgrades on a server.</summary>
    public class PostgresStoreTests
    {
        [Fact]
        public void Every_SQLite_migration_has_a_PostgreSQL_twin_of_the_same_number()
        {
            Assert.Equal(MigrationCatalog.LatestVersion, PostgresMigrationCatalog.LatestVersion);
        }

        [SkippableFact]
        public void A_new_database_is_migrated_once_by_many_stores_at_once_and_shown_without_its_password()
        {
            var cs = PostgresServer.NewDatabase();
            Parallel.For(0, 8, _ => Assert.Equal(PostgresMigrationCatalog.LatestVersion, PresenceStore.FromConnectionString(cs).SchemaVersion));
            var store = PresenceStore.FromConnectionString(cs);
            Assert.Equal("PostgreSQL", store.Kind);
            Assert.True(store.Shared);
            Assert.Equal(1L, store.Read((c, tx) => Db.Scalar(c, tx, "SELECT COUNT(*) FROM business_unit")));
            Assert.DoesNotContain("Password", store.Path, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Host=127.0.0.1", store.Path);
            Assert.Equal(PostgresMigrationCatalog.LatestVersion.ToString(), PostgresServer.Exec(new Npgsql.NpgsqlConnectionStringBuilder(cs).Database!, "SELECT version FROM presencesync_schema"));
        }

        [SkippableFact]
        public void A_read_only_database_refuses_changes_as_StoreReadOnly_and_stays_readable()
        {
            var cs = PostgresServer.NewDatabase();
            var db = new Npgsql.NpgsqlConnectionStringBuilder(cs).Database!;
            Assert.Equal(PostgresMigrationCatalog.LatestVersion, PresenceStore.FromConnectionString(cs).SchemaVersion);
            PostgresServer.Exec("postgres", $"ALTER DATABASE {db} SET default_transaction_read_only = on");
            var store = PresenceStore.FromConnectionString(cs);
            Assert.Equal(1L, store.Read((c, tx) => Db.Scalar(c, tx, "SELECT COUNT(*) FROM business_unit")));
            var ex = Assert.Throws<PresenceSyncException>(() => store.Write((c, tx) =>
                Db.Execute(c, tx, "INSERT INTO business_unit (name, created_utc) VALUES ('Other', 'x')")));
            Assert.Equal(ErrorIds.StoreReadOnly, ex.Error.ErrorId);
            Assert.Contains("25006", ex.Error.Message);
            Assert.DoesNotContain("Password", ex.Error.Message, StringComparison.OrdinalIgnoreCase);
        }

        [SkippableFact]
        public void A_read_only_database_that_needs_upgrading_is_a_clear_StoreReadOnly_error()
        {
            var cs = PostgresServer.NewDatabase();
            var db = new Npgsql.NpgsqlConnectionStringBuilder(cs).Database!;
            PostgresServer.Exec("postgres", $"ALTER DATABASE {db} SET default_transaction_read_only = on");
            var ex = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString(cs).SchemaVersion);
            Assert.Equal(ErrorIds.StoreReadOnly, ex.Error.ErrorId);
            Assert.Contains("needs upgrading", ex.Error.Message);
            Assert.Equal("f", PostgresServer.Exec(db, "SELECT to_regclass('presencesync_schema') IS NOT NULL"));
        }

        [SkippableFact]
        public void A_store_from_a_newer_module_is_refused_and_left_alone()
        {
            var cs = PostgresServer.NewDatabase();
            var db = new Npgsql.NpgsqlConnectionStringBuilder(cs).Database!;
            Assert.Equal(PostgresMigrationCatalog.LatestVersion, PresenceStore.FromConnectionString(cs).SchemaVersion);
            PostgresServer.Exec(db, "UPDATE presencesync_schema SET version = 99");
            var ex = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString(cs).SchemaVersion);
            Assert.Equal(ErrorIds.StoreSchemaTooNew, ex.Error.ErrorId);
            Assert.True(ex.Fatal);
            Assert.Equal("99", PostgresServer.Exec(db, "SELECT version FROM presencesync_schema"));
        }

        [Fact]
        public void A_wrong_connection_string_is_refused_without_echoing_it()
        {
            var ex = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString("Host=db;Password=Hunter2;Colour=blue"));
            Assert.Equal(StoreErrorIds.StoreConnectionStringInvalid, ex.Error.ErrorId);
            Assert.DoesNotContain("Hunter2", ex.Error.Message);
            var noHost = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString("Database=x;Password=Hunter2"));
            Assert.Equal(StoreErrorIds.StoreConnectionStringInvalid, noHost.Error.ErrorId);
            var badAuth = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString("Host=db;Authentication=Kerberos"));
            Assert.Equal(StoreErrorIds.StoreConnectionStringInvalid, badAuth.Error.ErrorId);
        }

        [Fact]
        public void A_server_that_is_down_is_reported_as_unreachable()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var store = PresenceStore.FromConnectionString($"Host=127.0.0.1;Port={port};Username=u;Password=Hunter2;Database=d;Timeout=5");
            var ex = Assert.Throws<PresenceSyncException>(() => store.SchemaVersion);
            Assert.Equal(StoreErrorIds.StoreUnreachable, ex.Error.ErrorId);
            Assert.DoesNotContain("Hunter2", ex.Error.Message);
        }

        [SkippableFact]
        public void A_wrong_password_is_a_sign_in_failure()
        {
            var cs = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase()) { Password = "wrong" }.ConnectionString;
            var ex = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString(cs).SchemaVersion);
            Assert.Equal(StoreErrorIds.StoreSignInFailed, ex.Error.ErrorId);
        }

        [SkippableFact]
        public void A_user_without_the_grant_to_create_gets_a_clear_error_and_nothing_half_made()
        {
            var cs = PostgresServer.NewDatabase();
            var db = new Npgsql.NpgsqlConnectionStringBuilder(cs).Database!;
            var role = "r" + Guid.NewGuid().ToString("N").Substring(0, 10);
            PostgresServer.Exec(db, $"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
            var ex = Assert.Throws<PresenceSyncException>(() => PresenceStore.FromConnectionString(PostgresServer.ConnectionString(db, role, "pw-" + role)).SchemaVersion);
            Assert.Equal(StoreErrorIds.StorePermissionDenied, ex.Error.ErrorId);
            Assert.Equal("0", PostgresServer.Exec(db, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
            // Once granted, the same user creates the whole store.
            PostgresServer.Exec(db, $"GRANT CREATE ON SCHEMA public TO {role}");
            Assert.Equal(PostgresMigrationCatalog.LatestVersion, PresenceStore.FromConnectionString(PostgresServer.ConnectionString(db, role, "pw-" + role)).SchemaVersion);
        }

        [SkippableFact]
        public void Entra_ID_sign_in_takes_the_password_from_a_token_for_Azure_Database_for_PostgreSQL()
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase());
            var token = builder.Password!;
            builder.Password = null;
            var credential = new FixedTokenCredential(token);
            var store = PresenceStore.FromConnectionString(builder.ConnectionString + ";Authentication=ManagedIdentity", credential);
            Assert.Equal(PostgresMigrationCatalog.LatestVersion, store.SchemaVersion);
            Assert.Contains(PostgresConnectionSettings.TokenScope, credential.Scopes);
            Assert.Contains("Authentication=ManagedIdentity", store.Path);
            Assert.DoesNotContain(token, store.Path);
        }

        /// <summary>Stands in for a managed identity: a local server cannot check a real Entra ID token, so the "token" is the password.</summary>
        private sealed class FixedTokenCredential : TokenCredential
        {
            private readonly string _token;
            public FixedTokenCredential(string token) => _token = token;
            public List<string> Scopes { get; } = new List<string>();

            public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
            {
                lock (Scopes) Scopes.AddRange(requestContext.Scopes);
                return new AccessToken(_token, DateTimeOffset.UtcNow.AddHours(1));
            }

            public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
                new ValueTask<AccessToken>(GetToken(requestContext, cancellationToken));
        }
    }
}
