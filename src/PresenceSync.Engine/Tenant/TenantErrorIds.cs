namespace PresenceSync.Engine.Tenant
{
    /// <summary>Stable error ids of the tenant connection; part of the public contract like <see cref="ErrorIds"/>.</summary>
    public static class TenantErrorIds
    {
        public const string AppNotFound = "SyncAppNotFound";
        public const string AppExists = "SyncAppExists";
        public const string InvalidTenantId = "InvalidTenantId";
        public const string InvalidClientId = "InvalidClientId";
        public const string SecretUnavailable = "ClientSecretUnavailable";
        public const string CertificateNotFound = "CertificateNotFound";
        public const string InvalidPresenceTarget = "InvalidPresenceTarget";
        public const string InvalidExpiration = "InvalidPresenceExpiration";
        public const string UserNotMapped = "TeamsUserNotMapped";
        public const string NothingToSet = "NothingToSet";
        public const string ConflictingPresenceRequest = "ConflictingPresenceRequest";
        public const string RotationNotPossible = "SecretRotationNotPossible";
        public const string CertificateRotationNotPossible = "CertificateRotationNotPossible";
        public const string CertificatePasswordInvalid = "CertificatePasswordInvalid";
        public const string CertificateUnreadable = "CertificateUnreadable";
        public const string CertificateNotCreated = "CertificateNotCreated";
        public const string AppAmbiguous = "SyncAppAmbiguous";
        public const string TenantMismatch = "SyncAppTenantMismatch";
        public const string SessionClearFailed = "PresenceSessionClearFailed";
        public const string RetiredCredentialPending = "RetiredCredentialPending";

        // Graph answers, translated
        public const string CredentialRejected = "GraphCredentialRejected";
        public const string SecretExpired = "GraphClientSecretExpired";
        public const string CertificateExpired = "GraphCertificateExpired";
        public const string TenantNotFound = "GraphTenantNotFound";
        public const string ApplicationNotFound = "GraphApplicationNotFound";
        public const string AuthenticationFailed = "GraphAuthenticationFailed";
        public const string PermissionMissing = "GraphPermissionMissing";
        public const string Throttled = "GraphThrottled";
        public const string ServiceUnavailable = "GraphServiceUnavailable";
        public const string NotFound = "GraphResourceNotFound";
        public const string BadRequest = "GraphBadRequest";
        public const string ConnectionFailed = "GraphConnectionFailed";
        public const string RequestFailed = "GraphRequestFailed";
        public const string TimedOut = "GraphRequestTimedOut";
    }
}
