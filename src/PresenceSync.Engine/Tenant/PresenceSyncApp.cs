using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// The Azure app a business unit syncs through. It never carries a secret: only where the
    /// secret is kept and when the credential expires.
    /// </summary>
    public sealed class PresenceSyncApp
    {
        internal PresenceSyncApp(string businessUnit, AppRecord record, string? consentUrl)
        {
            BusinessUnit = businessUnit;
            DisplayName = record.DisplayName;
            TenantId = record.TenantId;
            ClientId = record.ClientId;
            ApplicationObjectId = record.ApplicationObjectId;
            CredentialType = record.CredentialType;
            SecretStorage = record.SecretStorage;
            CertificateThumbprint = record.CertificateThumbprint;
            CredentialExpiresUtc = record.CredentialExpiresUtc;
            Permissions = record.Permissions;
            AuthorityHost = record.Endpoint.AuthorityHost;
            GraphBaseUrl = record.Endpoint.GraphBaseUrl;
            ServerCertificateThumbprint = record.Endpoint.ServerCertificateThumbprint;
            PresenceBudget = record.PresenceBudget;
            ConsentUrl = consentUrl;
            UpdatedUtc = record.UpdatedUtc;
        }

        public string BusinessUnit { get; }
        public string? DisplayName { get; }
        public string TenantId { get; }
        public string ClientId { get; }
        public string? ApplicationObjectId { get; }
        public CredentialType CredentialType { get; }
        public SecretStorage SecretStorage { get; }
        public string? CertificateThumbprint { get; }

        /// <summary>When the secret or certificate stops working, when known.</summary>
        public DateTime? CredentialExpiresUtc { get; }
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

        public override string ToString() => $"{DisplayName ?? ClientId} ({BusinessUnit})";
    }
}
