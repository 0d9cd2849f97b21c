using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// One of the Azure apps a business unit syncs through. It never carries a secret: only where
    /// the secret is kept, when the credential expires and how that is known, and how the unit's
    /// agents are spread over its apps.
    /// </summary>
    public sealed class PresenceSyncApp
    {
        internal PresenceSyncApp(string businessUnit, AppRecord record, string? consentUrl, bool isPrimary, int agentCount,
            IReadOnlyList<string> sharedWith, IReadOnlyList<RetiredCredential> retired)
        {
            BusinessUnit = businessUnit;
            DisplayName = record.DisplayName;
            TenantId = record.TenantId;
            ClientId = record.ClientId;
            ApplicationObjectId = record.ApplicationObjectId;
            CredentialTypeValue = record.CredentialType;
            SecretStorageValue = record.SecretStorage;
            CertificateThumbprint = record.CertificateThumbprint;
            CredentialExpiresUtc = record.CredentialExpiresUtc;
            CredentialExpirySourceValue = record.CredentialType == global::PresenceSync.Engine.Tenant.CredentialType.ManagedIdentity ? global::PresenceSync.Engine.Tenant.CredentialExpirySource.NotApplicable
                : record.CredentialExpiresUtc == null ? global::PresenceSync.Engine.Tenant.CredentialExpirySource.Unknown : record.ExpirySource;
            CredentialExpiryNote = AppCredentialExpiry.NoteFor(record);
            CredentialVersion = record.CredentialVersion;
            CredentialUpdatedUtc = record.CredentialUpdatedUtc;
            Permissions = record.Permissions;
            AuthorityHost = record.Endpoint.AuthorityHost;
            GraphBaseUrl = record.Endpoint.GraphBaseUrl;
            ServerCertificateThumbprint = record.Endpoint.ServerCertificateThumbprint;
            PresenceBudget = record.PresenceBudget;
            ConsentUrl = consentUrl;
            UpdatedUtc = record.UpdatedUtc;
            IsPrimary = isPrimary;
            AgentCount = agentCount;
            SharedWith = sharedWith;
            RetiredCredentials = retired;
        }

        public string BusinessUnit { get; }
        public string? DisplayName { get; }
        public string TenantId { get; }
        public string ClientId { get; }
        public string? ApplicationObjectId { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on CredentialTypeValue.</summary>
        public string CredentialType => CredentialTypeValue.ToString();
        internal global::PresenceSync.Engine.Tenant.CredentialType CredentialTypeValue { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on SecretStorageValue.</summary>
        public string SecretStorage => SecretStorageValue.ToString();
        internal global::PresenceSync.Engine.Tenant.SecretStorage SecretStorageValue { get; }
        public string? CertificateThumbprint { get; }

        /// <summary>When the secret or certificate stops working, when known.</summary>
        public DateTime? CredentialExpiresUtc { get; }

        /// <summary>How the expiry is known (Graph, the certificate, the admin), or Unknown.</summary>
        public string CredentialExpirySource => CredentialExpirySourceValue.ToString();
        internal global::PresenceSync.Engine.Tenant.CredentialExpirySource CredentialExpirySourceValue { get; }

        /// <summary>When the expiry is unknown: how to record it. Null otherwise.</summary>
        public string? CredentialExpiryNote { get; }

        /// <summary>Grows with every change of the credential (rotation, new secret or certificate), in every unit sharing it.</summary>
        public long CredentialVersion { get; }
        public DateTime CredentialUpdatedUtc { get; }
        public IReadOnlyList<string> Permissions { get; }
        public string AuthorityHost { get; }
        public string GraphBaseUrl { get; }

        /// <summary>The one TLS certificate trusted for this app's endpoints (emulator, pinned proxy); null for normal trust.</summary>
        public string? ServerCertificateThumbprint { get; }

        /// <summary>Presence requests allowed per 30 s (Graph documents 1,500 per app per tenant).</summary>
        public int PresenceBudget { get; }

        /// <summary>Where an admin grants consent; shown while consent may still be missing.</summary>
        public string? ConsentUrl { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>The unit's first app: it reads Teams presence and the directory for the unit.</summary>
        public bool IsPrimary { get; }

        /// <summary>Agents that write through this app (each app has its own presence budget).</summary>
        public int AgentCount { get; }

        /// <summary>Other business units that recorded the same client id: they share this credential.</summary>
        public IReadOnlyList<string> SharedWith { get; }

        /// <summary>Credentials replaced by a rotation and not yet removed from the app (grace period, or waiting for a credential allowed to remove them).</summary>
        public IReadOnlyList<RetiredCredential> RetiredCredentials { get; }

        public override string ToString() => $"{DisplayName ?? ClientId} ({BusinessUnit})";
    }
}
