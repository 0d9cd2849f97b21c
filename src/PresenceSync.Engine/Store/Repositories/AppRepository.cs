using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>
    /// The apps of a business unit (sync_app), each joined with the credential it shares with every
    /// unit that recorded the same client id (app_credential, see <see cref="CredentialRepository"/>).
    /// </summary>
    internal static class AppRepository
    {
        private const string Select = @"
SELECT s.id, s.unit_id, s.display_name, s.tenant_id, s.client_id, s.permissions, s.authority_host, s.graph_base_url,
       s.server_certificate_thumbprint, s.presence_budget, s.created_utc, s.updated_utc,
       c.id, c.uid, c.version, c.application_object_id, c.credential_type, c.secret_storage, c.protected_secret, c.secret_ref,
       c.secret_key_id, c.certificate_thumbprint, c.certificate_path, c.managed_identity_client_id, c.credential_expires_utc,
       c.expiry_source, c.updated_utc
FROM sync_app s JOIN app_credential c ON c.id = s.credential_id";

        /// <summary>The unit's primary app (the first recorded): it reads Teams and the directory for the unit; null when it has none.</summary>
        public static AppRecord? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            ForUnit(c, tx, unit).FirstOrDefault();

        public static AppRecord? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string clientId) =>
            Db.Query(c, tx, Select + " WHERE s.unit_id = $u AND s.client_id = $c", r => Map(c, r), ("$u", unit.Id), ("$c", clientId)).FirstOrDefault();

        public static AppRecord? ById(DbConnection c, DbTransaction? tx, long appId) =>
            Db.Query(c, tx, Select + " WHERE s.id = $id", r => Map(c, r), ("$id", appId)).FirstOrDefault();

        /// <summary>Every app of the unit, primary first.</summary>
        public static List<AppRecord> ForUnit(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, Select + " WHERE s.unit_id = $u ORDER BY s.id", r => Map(c, r), ("$u", unit.Id));

        /// <summary>The units' apps that share this credential (the same client id).</summary>
        public static List<AppRecord> SharingCredential(DbConnection c, DbTransaction? tx, long credentialId) =>
            Db.Query(c, tx, Select + " WHERE s.credential_id = $id ORDER BY s.unit_id", r => Map(c, r), ("$id", credentialId));

        public static bool Any(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Convert.ToInt64(Db.Scalar(c, tx, "SELECT count(*) FROM sync_app WHERE unit_id = $u", ("$u", unit.Id))) > 0;

        /// <summary>
        /// Saves the unit's app and its shared credential in the caller's transaction. A changed
        /// credential gets a new version, which every unit sharing it (and a running sync) sees.
        /// </summary>
        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AppRecord r)
        {
            CredentialRepository.Save(c, tx, r);
            Db.Execute(c, tx, @"
INSERT INTO sync_app (unit_id, credential_id, display_name, tenant_id, client_id, permissions, authority_host, graph_base_url,
    server_certificate_thumbprint, presence_budget, created_utc, updated_utc)
VALUES ($u, $cred, $dn, $t, $c, $perm, $ah, $gb, $sc, $b, $cr, $up)
ON CONFLICT (unit_id, client_id) DO UPDATE SET credential_id = $cred, display_name = $dn, tenant_id = $t, permissions = $perm,
    authority_host = $ah, graph_base_url = $gb, server_certificate_thumbprint = $sc, presence_budget = $b, updated_utc = $up",
                ("$u", unit.Id), ("$cred", r.CredentialId), ("$dn", r.DisplayName), ("$t", r.TenantId), ("$c", r.ClientId),
                ("$perm", Db.JoinList(r.Permissions)), ("$ah", r.Endpoint.AuthorityHost), ("$gb", r.Endpoint.GraphBaseUrl),
                ("$sc", r.Endpoint.ServerCertificateThumbprint), ("$b", r.PresenceBudget), ("$cr", Db.Timestamp(r.CreatedUtc)),
                ("$up", Db.Timestamp(r.UpdatedUtc)));
            r.Id = Convert.ToInt64(Db.Scalar(c, tx, "SELECT id FROM sync_app WHERE unit_id = $u AND client_id = $c", ("$u", unit.Id), ("$c", r.ClientId)));
            r.UnitId = unit.Id;
            r.StorePath = c.DataSource;
        }

        /// <summary>Forgets one app of a unit; its credential goes too when no other unit shares it (returned so its secret can be deleted).</summary>
        public static AppRecord? Delete(DbConnection c, DbTransaction tx, AppRecord app)
        {
            Db.Execute(c, tx, "DELETE FROM sync_app WHERE id = $id", ("$id", app.Id));
            var shared = Convert.ToInt64(Db.Scalar(c, tx, "SELECT count(*) FROM sync_app WHERE credential_id = $cred", ("$cred", app.CredentialId))) > 0;
            if (shared) return null;
            Db.Execute(c, tx, "DELETE FROM app_credential WHERE id = $cred", ("$cred", app.CredentialId));
            return app;
        }

        private static AppRecord Map(DbConnection c, DbDataReader r) => new AppRecord
        {
            Id = r.GetInt64(0),
            UnitId = r.GetInt64(1),
            DisplayName = Db.NullableString(r, 2),
            TenantId = r.GetString(3),
            ClientId = r.GetString(4),
            Permissions = Db.SplitList(r.GetString(5)),
            Endpoint = new GraphEndpoint(r.GetString(6), r.GetString(7), Db.NullableString(r, 8)),
            PresenceBudget = r.GetInt32(9),
            CreatedUtc = Db.ParseTimestamp(r.GetString(10)),
            UpdatedUtc = Db.ParseTimestamp(r.GetString(11)),
            CredentialId = r.GetInt64(12),
            CredentialUid = r.GetString(13),
            CredentialVersion = r.GetInt64(14),
            ApplicationObjectId = Db.NullableString(r, 15),
            CredentialType = (CredentialType)Enum.Parse(typeof(CredentialType), r.GetString(16)),
            SecretStorage = (SecretStorage)Enum.Parse(typeof(SecretStorage), r.GetString(17)),
            ProtectedSecret = r.IsDBNull(18) ? null : (byte[])r.GetValue(18),
            SecretRef = Db.NullableString(r, 19),
            SecretKeyId = Db.NullableString(r, 20),
            CertificateThumbprint = Db.NullableString(r, 21),
            CertificatePath = Db.NullableString(r, 22),
            ManagedIdentityClientId = Db.NullableString(r, 23),
            CredentialExpiresUtc = r.IsDBNull(24) ? (DateTime?)null : Db.ParseTimestamp(r.GetString(24)),
            ExpirySource = r.IsDBNull(25) ? CredentialExpirySource.Unknown : (CredentialExpirySource)Enum.Parse(typeof(CredentialExpirySource), r.GetString(25)),
            CredentialUpdatedUtc = Db.ParseTimestamp(r.GetString(26)),
            StorePath = c.DataSource,
        };
    }
}
