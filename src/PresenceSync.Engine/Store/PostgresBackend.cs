using System;
using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using Npgsql;
using PresenceSync.Engine.Sync.Core;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// A PostgreSQL database shared by several sync hosts. Writers take one transaction-level
    /// advisory lock, so writes are serialised as in SQLite and the repositories' read-then-write
    /// steps keep their meaning; reads run in REPEATABLE READ to see one snapshot. With an Entra ID
    /// token the password is fetched from the credential at each new physical connection.
    /// </summary>
    internal sealed class PostgresBackend : StoreBackend
    {
        /// <summary>Advisory lock keys (per database): one for writers, one for schema upgrades.</summary>
        internal const long WriteLockKey = 0x50534E_57524954;
        internal const long MigrateLockKey = 0x50534E_4D494752;

        private readonly PostgresConnectionSettings _settings;
        private readonly NpgsqlDataSource _dataSource;

        public PostgresBackend(string connectionString, TokenCredential? credential)
        {
            _settings = PostgresConnectionSettings.Parse(connectionString);
            var builder = new NpgsqlDataSourceBuilder(_settings.Builder.ConnectionString);
            if (_settings.UsesToken || credential != null)
            {
                var tokens = credential ?? _settings.CreateCredential();
                var context = new TokenRequestContext(new[] { PostgresConnectionSettings.TokenScope });
                builder.UsePasswordProvider(
                    _ => tokens.GetToken(context, CancellationToken.None).Token,
                    async (_, ct) => (await tokens.GetTokenAsync(context, ct).ConfigureAwait(false)).Token);
            }
            _dataSource = builder.Build();
        }

        public override string Kind => "PostgreSQL";
        public override string Display => _settings.Display;
        public override bool Shared => true;

        public override int Prepare()
        {
            try
            {
                using var connection = _dataSource.OpenConnection();
                return PostgresMigrationRunner.Migrate(connection, Display);
            }
            catch (PresenceSyncException) { throw; }
            catch (Exception ex) when (ex is NpgsqlException || ex is AuthenticationFailedException || ex is CredentialUnavailableException
                                       || ex is TimeoutException || ex is SocketException)
            {
                throw Describe(ex, Display);
            }
        }

        public override DbConnection OpenConnection() => _dataSource.OpenConnection();

        public override DbTransaction BeginWrite(DbConnection connection)
        {
            var tx = ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);
            Db.Execute(connection, tx, $"SELECT pg_advisory_xact_lock({WriteLockKey})");
            return tx;
        }

        public override DbTransaction BeginRead(DbConnection connection) =>
            ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

        public override PresenceSyncException? Fault(DbException ex) =>
            ex is PostgresException pg && StoreFault.IsFault(pg) ? StoreFault.Of(ex, Display) : null;

        public override void ReleaseConnections() => NpgsqlConnection.ClearPool(new NpgsqlConnection(_settings.Builder.ConnectionString));

        /// <summary>A failure to reach or use the server, as a stable error id and a hint (never the password).</summary>
        internal static PresenceSyncException Describe(Exception ex, string display)
        {
            var state = (ex as PostgresException)?.SqlState;
            var (id, kind, hint) = state switch
            {
                "28P01" or "28000" => (StoreErrorIds.StoreSignInFailed, ErrorKind.AuthenticationError,
                    "Check the user name and password, or for Entra ID sign-in that the identity is a PostgreSQL role (pgaadauth_create_principal)."),
                "42501" => (StoreErrorIds.StorePermissionDenied, ErrorKind.PermissionDenied,
                    "Grant the user CREATE and USAGE on the schema (and ownership of the tables), or let the database owner create the store once."),
                "3D000" => (ErrorIds.StoreOpenFailed, ErrorKind.ObjectNotFound, "Create the database first (CREATE DATABASE), then connect again."),
                _ when ex is AuthenticationFailedException || ex is CredentialUnavailableException => (StoreErrorIds.StoreSignInFailed,
                    ErrorKind.AuthenticationError, "Check the managed identity (or the Azure sign-in) that gets the Entra ID token."),
                _ when state == null => (StoreErrorIds.StoreUnreachable, ErrorKind.ConnectionError,
                    "Check that the server runs and that Host and Port are right; the firewall must let this machine in."),
                _ => (ErrorIds.StoreOpenFailed, ErrorKind.ResourceUnavailable, "Check the connection string and the server's log."),
            };
            return new PresenceSyncException(new EngineError(id, kind,
                $"Cannot open the PresenceSync store on PostgreSQL ({display}): {ex.Message}", display, hint), ex, fatal: true);
        }
    }
}
