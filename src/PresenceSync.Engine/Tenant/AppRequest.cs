using System;
using System.Collections.Generic;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>What New-/Set-PresenceSyncApp ask for. The secret is held in memory only, never logged.</summary>
    public sealed class AppRequest
    {
        public string? TenantId { get; set; }
        public string? ClientId { get; set; }
        public string? DisplayName { get; set; }
        public CredentialType? CredentialType { get; set; }
        public string? ClientSecret { get; set; }

        /// <summary>Keep no secret: read it from PRESENCESYNC_CLIENT_SECRET[_UNIT] whenever it is needed.</summary>
        public bool SecretFromEnvironment { get; set; }
        public DateTime? SecretExpiresUtc { get; set; }
        public string? CertificateThumbprint { get; set; }
        public string? CertificatePath { get; set; }

        /// <summary>The PFX's password (held in memory only; kept at rest like a client secret).</summary>
        public string? CertificatePassword { get; set; }

        /// <summary>For registration and rotation: make a new self-signed certificate (in the user's store, or as a PFX at <see cref="CertificatePath"/>).</summary>
        public bool NewCertificate { get; set; }
        public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(365);
        public string? ManagedIdentityClientId { get; set; }
        public IReadOnlyList<string>? Permissions { get; set; }
        public GraphEndpoint? Endpoint { get; set; }
        public int? PresenceBudget { get; set; }

        /// <summary>For registration: the public client an admin signs in with by device code.</summary>
        public string? AdminClientId { get; set; }
        public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(180);
    }
}
