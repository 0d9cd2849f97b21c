using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>
    /// Credentials shared by client id, their version (so a running sync notices a rotation with one
    /// cheap query) and the credentials retired by rotations until they are removed from the app.
    /// </summary>
    internal static class CredentialRepository
    {
        /// <summary>The credential's version: it grows with every change of secret or certificate. Null when the credential is gone.</summary>
        public static long? Version(DbConnection c, DbTransaction? tx, long credentialId) =>
            Db.Scalar(c, tx, "SELECT version FROM app_credential WHERE id = $id", ("$id", credentialId)) is object v ? Convert.ToInt64(v) : (long?)null;

        public static long? IdFor(DbConnection c, DbTransaction? tx, string clientId) =>
            Db.Scalar(c, tx, "SELECT id FROM app_credential WHERE client_id = $c", ("$c", clientId)) is object v ? Convert.ToInt64(v) : (long?)null;

        /// <summary>Inserts or updates the shared credential of the record's client id; a changed credential gets the next version.</summary>
        public static void Save(DbConnection c, DbTransaction tx, AppRecord r)
        {
            var existing = Db.Query(c, tx, "SELECT id, uid, version FROM app_credential WHERE client_id = $c",
                x => (Id: x.GetInt64(0), Uid: x.GetString(1), Version: x.GetInt64(2)), ("$c", r.ClientId));
            var args = new List<(string, object?)>
            {
                ("$c", r.ClientId), ("$o", r.ApplicationObjectId), ("$exp", r.CredentialExpiresUtc is DateTime e ? Db.Timestamp(e) : null),
                ("$src", r.ExpirySource == CredentialExpirySource.Unknown ? null : r.ExpirySource.ToString()), ("$up", Db.Timestamp(r.CredentialUpdatedUtc)),
                ("$ct", r.CredentialType.ToString()), ("$ss", r.SecretStorage.ToString()), ("$ps", r.ProtectedSecret), ("$ref", r.SecretRef),
                ("$k", r.SecretKeyId), ("$th", r.CertificateThumbprint), ("$cp", r.CertificatePath), ("$mi", r.ManagedIdentityClientId),
            };
            if (existing.Count == 0)
            {
                r.CredentialUid = Guid.NewGuid().ToString("N");
                r.CredentialVersion = 1;
                args.Add(("$uid", r.CredentialUid));
                Db.Execute(c, tx, @"
INSERT INTO app_credential (uid, client_id, application_object_id, credential_type, secret_storage, protected_secret, secret_ref, secret_key_id,
    certificate_thumbprint, certificate_path, managed_identity_client_id, credential_expires_utc, expiry_source, version, updated_utc)
VALUES ($uid, $c, $o, $ct, $ss, $ps, $ref, $k, $th, $cp, $mi, $exp, $src, 1, $up)", args.ToArray());
                r.CredentialId = Convert.ToInt64(Db.Scalar(c, tx, "SELECT last_insert_rowid()"));
            }
            else
            {
                r.CredentialId = existing[0].Id;
                r.CredentialUid = existing[0].Uid;
                if (r.CredentialChanged)
                {
                    r.CredentialVersion = existing[0].Version + 1;
                    Db.Execute(c, tx, @"
UPDATE app_credential SET application_object_id = $o, credential_type = $ct, secret_storage = $ss, protected_secret = $ps, secret_ref = $ref,
    secret_key_id = $k, certificate_thumbprint = $th, certificate_path = $cp, managed_identity_client_id = $mi,
    credential_expires_utc = $exp, expiry_source = $src, version = version + 1, updated_utc = $up
WHERE client_id = $c", args.ToArray());
                }
                else
                {
                    // Expiry and object id describe the credential without changing it: no new version.
                    r.CredentialVersion = existing[0].Version;
                    Db.Execute(c, tx, "UPDATE app_credential SET application_object_id = coalesce($o, application_object_id), credential_expires_utc = $exp, expiry_source = $src WHERE client_id = $c",
                        args.ToArray());
                }
            }
            r.CredentialChanged = false;
        }

        public static void Retire(DbConnection c, DbTransaction tx, long credentialId, RetiredCredentialKind kind, string? keyId, AppRecord old,
            DateTime now, DateTime removeAfter) =>
            Db.Execute(c, tx, @"
INSERT INTO retired_credential (credential_id, kind, key_id, secret_storage, protected_secret, secret_ref, certificate_thumbprint, certificate_path,
    retired_utc, remove_after_utc)
VALUES ($cred, $kind, $k, $ss, $ps, $ref, $th, $cp, $now, $after)",
                ("$cred", credentialId), ("$kind", kind.ToString()), ("$k", keyId), ("$ss", old.SecretStorage.ToString()), ("$ps", old.ProtectedSecret),
                ("$ref", old.SecretRef), ("$th", old.CertificateThumbprint), ("$cp", old.CertificatePath), ("$now", Db.Timestamp(now)),
                ("$after", Db.Timestamp(removeAfter)));

        /// <summary>Retired credentials not yet removed from the app (all of them, or those of one credential).</summary>
        public static List<RetiredCredential> Pending(DbConnection c, DbTransaction? tx, long? credentialId = null) =>
            Db.Query(c, tx, @"
SELECT r.id, r.credential_id, a.client_id, r.kind, r.key_id, r.retired_utc, r.remove_after_utc, r.removed_utc, r.last_error,
       r.secret_storage, r.protected_secret, r.secret_ref, r.certificate_thumbprint, r.certificate_path
FROM retired_credential r JOIN app_credential a ON a.id = r.credential_id
WHERE r.removed_utc IS NULL AND (CAST($cred AS bigint) IS NULL OR r.credential_id = $cred) ORDER BY r.remove_after_utc", Map, ("$cred", credentialId));

        public static void MarkRemoved(DbConnection c, DbTransaction tx, long id, DateTime now) =>
            Db.Execute(c, tx, "UPDATE retired_credential SET removed_utc = $now, last_attempt_utc = $now, last_error = NULL, protected_secret = NULL, secret_ref = NULL WHERE id = $id",
                ("$id", id), ("$now", Db.Timestamp(now)));

        public static void MarkFailed(DbConnection c, DbTransaction tx, long id, DateTime now, string error) =>
            Db.Execute(c, tx, "UPDATE retired_credential SET last_attempt_utc = $now, last_error = $e WHERE id = $id",
                ("$id", id), ("$now", Db.Timestamp(now)), ("$e", error));

        /// <summary>Deletes credentials no unit records any more (after a unit was removed) and returns where their secrets were kept.</summary>
        public static List<(SecretStorage Storage, string? Reference)> DeleteUnreferenced(DbConnection c, DbTransaction tx)
        {
            const string orphan = "NOT EXISTS (SELECT 1 FROM sync_app s WHERE s.credential_id = app_credential.id)";
            var kept = Db.Query(c, tx, $"SELECT secret_storage, secret_ref FROM app_credential WHERE {orphan} UNION ALL " +
                                       $"SELECT r.secret_storage, r.secret_ref FROM retired_credential r JOIN app_credential ON app_credential.id = r.credential_id WHERE {orphan} AND r.secret_storage IS NOT NULL",
                r => ((SecretStorage)Enum.Parse(typeof(SecretStorage), r.GetString(0)), Db.NullableString(r, 1)));
            Db.Execute(c, tx, $"DELETE FROM app_credential WHERE {orphan}");
            return kept;
        }

        private static RetiredCredential Map(DbDataReader r) =>
            new RetiredCredential(r.GetInt64(0), r.GetInt64(1), r.GetString(2), (RetiredCredentialKind)Enum.Parse(typeof(RetiredCredentialKind), r.GetString(3)),
                Db.NullableString(r, 4), Db.ParseTimestamp(r.GetString(5)), Db.ParseTimestamp(r.GetString(6)),
                r.IsDBNull(7) ? (DateTime?)null : Db.ParseTimestamp(r.GetString(7)), Db.NullableString(r, 8))
            {
                SecretStorage = r.IsDBNull(9) ? SecretStorage.None : (SecretStorage)Enum.Parse(typeof(SecretStorage), r.GetString(9)),
                ProtectedSecret = r.IsDBNull(10) ? null : (byte[])r.GetValue(10),
                SecretRef = Db.NullableString(r, 11),
                CertificateThumbprint = Db.NullableString(r, 12),
                CertificatePath = Db.NullableString(r, 13),
            };
    }
}
