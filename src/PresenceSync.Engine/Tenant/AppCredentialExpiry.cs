using System;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>When one app's credential expires, for the status command and the running sync's warnings.</summary>
    public sealed class AppCredentialExpiry
    {
        internal AppCredentialExpiry(string businessUnit, AppRecord app)
        {
            BusinessUnit = businessUnit;
            ClientId = app.ClientId;
            DisplayName = app.DisplayName;
            _type = app.CredentialType;
            CredentialType = app.CredentialType.ToString();
            ExpiresUtc = app.CredentialExpiresUtc;
            Source = (app.CredentialType == Tenant.CredentialType.ManagedIdentity ? CredentialExpirySource.NotApplicable
                : app.CredentialExpiresUtc == null ? CredentialExpirySource.Unknown : app.ExpirySource).ToString();
            Note = NoteFor(app);
        }

        public string BusinessUnit { get; }
        public string ClientId { get; }
        public string? DisplayName { get; }
        private readonly CredentialType _type;

        // Names, not enums, so that the status serialises them as words (ConvertTo-Json).
        public string CredentialType { get; }
        public DateTime? ExpiresUtc { get; }

        /// <summary>Where the expiry comes from: Graph, Certificate, Recorded, Unknown or NotApplicable (a managed identity).</summary>
        public string Source { get; }

        /// <summary>When the expiry is unknown: how to record it. A managed identity has nothing to expire.</summary>
        public string? Note { get; }

        /// <summary>True when the credential expires (or has expired) within <paramref name="window"/> of <paramref name="nowUtc"/>.</summary>
        public bool ExpiresWithin(TimeSpan window, DateTime nowUtc) => ExpiresUtc is DateTime e && e - nowUtc <= window;

        /// <summary>The command that renews this kind of credential (the remedy every warning names).</summary>
        public string RenewCommand => RenewCommandFor(BusinessUnit, ClientId, _type);

        internal static string RenewCommandFor(string unit, string clientId, CredentialType type) => type switch
        {
            Tenant.CredentialType.Certificate => $"Set-PresenceSyncApp -BusinessUnit '{unit}' -ClientId {clientId} -RotateCertificate",
            Tenant.CredentialType.ClientSecret => $"Set-PresenceSyncApp -BusinessUnit '{unit}' -ClientId {clientId} -RotateSecret -AdminClientId {AppRegistrar.DefaultAdminClientId}",
            _ => "nothing: a managed identity has no credential to renew",
        };

        internal static string? NoteFor(AppRecord app)
        {
            if (app.CredentialType == Tenant.CredentialType.ManagedIdentity || app.CredentialExpiresUtc != null) return null;
            return app.CredentialType == Tenant.CredentialType.Certificate
                ? "The certificate's expiry is not known yet: Test-PresenceSyncApp reads it from the certificate."
                : $"The client secret's expiry is not known: record it with Set-PresenceSyncApp -ClientId {app.ClientId} -SecretExpiresUtc <date> " +
                  "(the 'Expires' column of the app's secrets in the Entra admin center), or rotate with -RotateSecret so that PresenceSync knows it.";
        }

        public override string ToString() => $"{BusinessUnit}/{ClientId}: {(ExpiresUtc is DateTime e ? e.ToString("yyyy-MM-dd") : Source)}";
    }
}
