using System;
using System.Collections.Generic;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// The stored form of one of a unit's apps joined with its credential, which every unit that
    /// records the same client id shares. The secret is only ever held in protected form or by reference.
    /// </summary>
    internal sealed class AppRecord
    {
        /// <summary>The unit's app (sync_app.id); 0 until saved.</summary>
        public long Id { get; set; }
        public long UnitId { get; set; }
        public string? DisplayName { get; set; }
        public string TenantId { get; set; } = string.Empty;
        public string ClientId { get; set; } = string.Empty;
        public IReadOnlyList<string> Permissions { get; set; } = Array.Empty<string>();
        public GraphEndpoint Endpoint { get; set; } = new GraphEndpoint();
        public int PresenceBudget { get; set; } = Graph.PresenceBudget.DefaultRequests;
        public DateTime CreatedUtc { get; set; }
        public DateTime UpdatedUtc { get; set; }

        // The shared credential (app_credential)
        public long CredentialId { get; set; }

        /// <summary>Never reused, unlike row ids: with the version it names one build of the credential.</summary>
        public string CredentialUid { get; set; } = string.Empty;
        public long CredentialVersion { get; set; }

        /// <summary>Set when the credential material changed, so the save gives it a new version.</summary>
        public bool CredentialChanged { get; set; }
        public string? ApplicationObjectId { get; set; }
        public CredentialType CredentialType { get; set; }
        public SecretStorage SecretStorage { get; set; }
        public byte[]? ProtectedSecret { get; set; }
        public string? SecretRef { get; set; }
        public string? SecretKeyId { get; set; }
        public string? CertificateThumbprint { get; set; }
        public string? CertificatePath { get; set; }
        public string? ManagedIdentityClientId { get; set; }
        public DateTime? CredentialExpiresUtc { get; set; }
        public CredentialExpirySource ExpirySource { get; set; }
        public DateTime CredentialUpdatedUtc { get; set; }

        /// <summary>The store the record was read from: part of every process-wide cache key, so nothing built for one store serves another.</summary>
        public string StorePath { get; set; } = string.Empty;

        /// <summary>A certificate kept with a password (a PFX): the password is the credential's secret.</summary>
        public bool HasSecret => SecretStorage != SecretStorage.None;

        public AppRecord Clone() => (AppRecord)MemberwiseClone();
    }
}
