using System;
using System.Collections.Generic;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>The stored form of a unit's app, secret only ever in protected form.</summary>
    internal sealed class AppRecord
    {
        public string? DisplayName { get; set; }
        public string TenantId { get; set; } = string.Empty;
        public string ClientId { get; set; } = string.Empty;
        public string? ApplicationObjectId { get; set; }
        public CredentialType CredentialType { get; set; }
        public SecretStorage SecretStorage { get; set; }
        public byte[]? ProtectedSecret { get; set; }
        public string? SecretKeyId { get; set; }
        public string? CertificateThumbprint { get; set; }
        public string? CertificatePath { get; set; }
        public string? ManagedIdentityClientId { get; set; }
        public DateTime? CredentialExpiresUtc { get; set; }
        public IReadOnlyList<string> Permissions { get; set; } = Array.Empty<string>();
        public GraphEndpoint Endpoint { get; set; } = new GraphEndpoint();
        public int PresenceBudget { get; set; } = Graph.PresenceBudget.DefaultRequests;
        public DateTime CreatedUtc { get; set; }
        public DateTime UpdatedUtc { get; set; }
    }
}
