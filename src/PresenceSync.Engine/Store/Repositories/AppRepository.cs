using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class AppRepository
    {
        public static AppRecord? Find(SqliteConnection c, SqliteTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"
SELECT display_name, tenant_id, client_id, application_object_id, credential_type, secret_storage, protected_secret,
       secret_key_id, certificate_thumbprint, certificate_path, managed_identity_client_id, credential_expires_utc,
       permissions, authority_host, graph_base_url, server_certificate_thumbprint, presence_budget, created_utc, updated_utc
FROM sync_app WHERE unit_id = $u", Map, ("$u", unit.Id)).FirstOrDefault();

        public static void Save(SqliteConnection c, SqliteTransaction tx, PresenceBusinessUnit unit, AppRecord r) =>
            Db.Execute(c, tx, @"
INSERT INTO sync_app (unit_id, display_name, tenant_id, client_id, application_object_id, credential_type, secret_storage,
    protected_secret, secret_key_id, certificate_thumbprint, certificate_path, managed_identity_client_id, credential_expires_utc,
    permissions, authority_host, graph_base_url, server_certificate_thumbprint, presence_budget, created_utc, updated_utc)
VALUES ($u, $dn, $t, $c, $o, $ct, $ss, $ps, $k, $th, $cp, $mi, $exp, $perm, $ah, $gb, $sc, $b, $cr, $up)
ON CONFLICT (unit_id) DO UPDATE SET display_name = $dn, tenant_id = $t, client_id = $c, application_object_id = $o,
    credential_type = $ct, secret_storage = $ss, protected_secret = $ps, secret_key_id = $k, certificate_thumbprint = $th,
    certificate_path = $cp, managed_identity_client_id = $mi, credential_expires_utc = $exp, permissions = $perm,
    authority_host = $ah, graph_base_url = $gb, server_certificate_thumbprint = $sc, presence_budget = $b, updated_utc = $up",
                ("$u", unit.Id), ("$dn", r.DisplayName), ("$t", r.TenantId), ("$c", r.ClientId), ("$o", r.ApplicationObjectId),
                ("$ct", r.CredentialType.ToString()), ("$ss", r.SecretStorage.ToString()), ("$ps", r.ProtectedSecret),
                ("$k", r.SecretKeyId), ("$th", r.CertificateThumbprint), ("$cp", r.CertificatePath), ("$mi", r.ManagedIdentityClientId),
                ("$exp", r.CredentialExpiresUtc is DateTime e ? Db.Timestamp(e) : null), ("$perm", Db.JoinList(r.Permissions)),
                ("$ah", r.Endpoint.AuthorityHost), ("$gb", r.Endpoint.GraphBaseUrl), ("$sc", r.Endpoint.ServerCertificateThumbprint),
                ("$b", r.PresenceBudget), ("$cr", Db.Timestamp(r.CreatedUtc)), ("$up", Db.Timestamp(r.UpdatedUtc)));

        public static int Delete(SqliteConnection c, SqliteTransaction tx, PresenceBusinessUnit unit) =>
            Db.Execute(c, tx, "DELETE FROM sync_app WHERE unit_id = $u", ("$u", unit.Id));

        private static AppRecord Map(SqliteDataReader r) => new AppRecord
        {
            DisplayName = Db.NullableString(r, 0),
            TenantId = r.GetString(1),
            ClientId = r.GetString(2),
            ApplicationObjectId = Db.NullableString(r, 3),
            CredentialType = (CredentialType)Enum.Parse(typeof(CredentialType), r.GetString(4)),
            SecretStorage = (SecretStorage)Enum.Parse(typeof(SecretStorage), r.GetString(5)),
            ProtectedSecret = r.IsDBNull(6) ? null : (byte[])r.GetValue(6),
            SecretKeyId = Db.NullableString(r, 7),
            CertificateThumbprint = Db.NullableString(r, 8),
            CertificatePath = Db.NullableString(r, 9),
            ManagedIdentityClientId = Db.NullableString(r, 10),
            CredentialExpiresUtc = r.IsDBNull(11) ? (DateTime?)null : Db.ParseTimestamp(r.GetString(11)),
            Permissions = Db.SplitList(r.GetString(12)),
            Endpoint = new GraphEndpoint(r.GetString(13), r.GetString(14), Db.NullableString(r, 15)),
            PresenceBudget = r.GetInt32(16),
            CreatedUtc = Db.ParseTimestamp(r.GetString(17)),
            UpdatedUtc = Db.ParseTimestamp(r.GetString(18)),
        };
    }
}
