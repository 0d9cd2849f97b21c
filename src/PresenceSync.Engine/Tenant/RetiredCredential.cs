using System;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// A secret or certificate replaced by a rotation. Entra ID keeps accepting it until it is
    /// removed from the app after the grace period, so nothing that still holds it fails meanwhile.
    /// </summary>
    public sealed class RetiredCredential
    {
        internal RetiredCredential(long id, long credentialId, string clientId, RetiredCredentialKind kind, string? keyId, DateTime retiredUtc,
            DateTime removeAfterUtc, DateTime? removedUtc, string? lastError)
        {
            Id = id;
            CredentialId = credentialId;
            ClientId = clientId;
            KindValue = kind;
            KeyId = keyId;
            RetiredUtc = retiredUtc;
            RemoveAfterUtc = removeAfterUtc;
            RemovedUtc = removedUtc;
            LastError = lastError;
        }

        internal long Id { get; }
        internal long CredentialId { get; }
        public string ClientId { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on KindValue.</summary>
        public string Kind => KindValue.ToString();
        internal RetiredCredentialKind KindValue { get; }

        /// <summary>The keyId of the password or key credential in the application.</summary>
        public string? KeyId { get; }
        public DateTime RetiredUtc { get; }
        public DateTime RemoveAfterUtc { get; }
        public DateTime? RemovedUtc { get; }

        /// <summary>Why the last removal attempt failed (for example, the app may not remove its own secrets).</summary>
        public string? LastError { get; }

        // Where the old secret is kept until the credential is removed (never in clear).
        internal SecretStorage SecretStorage { get; set; }
        internal byte[]? ProtectedSecret { get; set; }
        internal string? SecretRef { get; set; }
        internal string? CertificateThumbprint { get; set; }
        internal string? CertificatePath { get; set; }

        public override string ToString() => $"{Kind} {KeyId} of {ClientId}, removed after {RemoveAfterUtc:u}";
    }
}
