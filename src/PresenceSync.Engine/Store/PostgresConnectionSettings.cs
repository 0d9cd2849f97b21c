using System;
using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Npgsql;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// An Npgsql connection string as the user gives it, plus PresenceSync's own keys for Entra ID
    /// sign-in (Authentication=ManagedIdentity with an optional ManagedIdentityClientId, or
    /// Authentication=EntraId for DefaultAzureCredential). The password is never part of
    /// <see cref="Display"/>.
    /// </summary>
    internal sealed class PostgresConnectionSettings
    {
        /// <summary>The scope of Azure Database for PostgreSQL's Entra ID tokens.</summary>
        public const string TokenScope = "https://ossrdbms-aad.database.windows.net/.default";

        private PostgresConnectionSettings(NpgsqlConnectionStringBuilder builder, string? authentication, string? managedIdentityClientId)
        {
            Builder = builder;
            Authentication = authentication;
            ManagedIdentityClientId = managedIdentityClientId;
            var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null }.ConnectionString;
            if (authentication != null) shown += ";Authentication=" + authentication;
            if (managedIdentityClientId != null) shown += ";ManagedIdentityClientId=" + managedIdentityClientId;
            Display = shown;
        }

        public NpgsqlConnectionStringBuilder Builder { get; }
        public string? Authentication { get; }
        public string? ManagedIdentityClientId { get; }
        public string Display { get; }

        public bool UsesToken => Authentication != null;

        public static PostgresConnectionSettings Parse(string connectionString)
        {
            try
            {
                var generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
                var authentication = Take(generic, "Authentication");
                var clientId = Take(generic, "ManagedIdentityClientId");
                if (authentication != null && !authentication.Equals("ManagedIdentity", StringComparison.OrdinalIgnoreCase)
                    && !authentication.Equals("EntraId", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"Authentication must be ManagedIdentity or EntraId, not '{authentication}'.");
                }
                var builder = new NpgsqlConnectionStringBuilder(generic.ConnectionString);
                if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("The connection string names no Host.");
                return new PostgresConnectionSettings(builder, authentication, clientId);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is InvalidCastException)
            {
                // The message of a bad connection string may quote it: say what is wrong, never echo it.
                throw new PresenceSyncException(new EngineError(StoreErrorIds.StoreConnectionStringInvalid, ErrorKind.InvalidArgument,
                    "The PostgreSQL connection string is not valid: " + Redact(ex.Message, connectionString), "ConnectionString",
                    "Give an Npgsql connection string such as 'Host=db.example.org;Database=presencesync;Username=sync;Password=...'."),
                    ex, fatal: true);
            }
        }

        /// <summary>The credential that gets the sign-in token (managed identity in an Automation runbook).</summary>
        public TokenCredential CreateCredential() =>
            Authentication!.Equals("ManagedIdentity", StringComparison.OrdinalIgnoreCase)
                ? new ManagedIdentityCredential(ManagedIdentityClientId)
                : (TokenCredential)new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ManagedIdentityClientId });

        private static string? Take(DbConnectionStringBuilder builder, string key)
        {
            if (!builder.TryGetValue(key, out var value)) return null;
            builder.Remove(key);
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static string Redact(string message, string connectionString) =>
            connectionString.Length > 0 ? message.Replace(connectionString, "<connection string>") : message;
    }
}
