using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using PresenceSync.Commands.Binding;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Changes one of a unit's apps: rotates its client secret (-RotateSecret) or certificate
    /// (-RotateCertificate) through Graph without a gap, the old credential staying valid for a
    /// grace period; or records a new secret, certificate, expiry, endpoint or presence budget. Every
    /// run also removes the credentials earlier rotations retired once their grace period is over.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PresenceSyncApp", SupportsShouldProcess = true, DefaultParameterSetName = "Change")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class SetPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>The app to change; may be left out when the unit has one app.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AppClientIdCompleter))]
        [Alias("AppId")]
        public string? ClientId { get; set; }

        /// <summary>Add a new secret through Graph, switch to it, remove the old one after -GracePeriod.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Rotate")]
        public SwitchParameter RotateSecret { get; set; }

        [Parameter(ParameterSetName = "Rotate")]
        public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(180);

        /// <summary>Add a new self-signed certificate (proved with the current one), switch to it, remove the old one after -GracePeriod.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "RotateCertificate")]
        public SwitchParameter RotateCertificate { get; set; }

        [Parameter(ParameterSetName = "RotateCertificate")]
        public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(365);

        /// <summary>How long the replaced credential stays valid (default: one token lifetime, 60 minutes).</summary>
        [Parameter(ParameterSetName = "Rotate")]
        [Parameter(ParameterSetName = "RotateCertificate")]
        public TimeSpan GracePeriod { get; set; } = CredentialRotator.DefaultGracePeriod;

        /// <summary>Remove the credentials earlier rotations retired, once their grace period is over (an app may not remove its own secrets: sign in as an admin).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "CompleteRotation")]
        public SwitchParameter CompleteRotation { get; set; }

        /// <summary>Sign in as an admin by device code with this public client (an app may not change its own secrets).</summary>
        [Parameter(ParameterSetName = "Rotate")]
        [Parameter(ParameterSetName = "RotateCertificate")]
        [Parameter(ParameterSetName = "CompleteRotation")]
        public string? AdminClientId { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public SwitchParameter SecretFromEnvironment { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public DateTime? SecretExpiresUtc { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? CertificateThumbprint { get; set; }

        /// <summary>A PFX to sign in with; with -RotateCertificate, where the new certificate is written (default: the user's store).</summary>
        [Parameter(ParameterSetName = "Change")]
        [Parameter(ParameterSetName = "RotateCertificate")]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = "Change")]
        [Parameter(ParameterSetName = "RotateCertificate")]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? DisplayName { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? AuthorityHost { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? GraphBaseUrl { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? ServerCertificateThumbprint { get; set; }

        [Parameter(ParameterSetName = "Change")]
        [ValidateRange(1, 100000)]
        public int? PresenceBudget { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var file = CertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath);
            RunAsync(async ct =>
            {
                var unit = BusinessUnit ?? "Default";
                PresenceSyncApp? app = null;
                if (RotateSecret)
                {
                    if (!Context.Host.ShouldProcess($"{ClientId ?? unit}", "Rotate the sync app's client secret")) return;
                    app = await new CredentialRotator(Context).RotateSecretAsync(BusinessUnit, ClientId, SecretLifetime, AdminClientId, GracePeriod, ct).ConfigureAwait(false);
                }
                else if (RotateCertificate)
                {
                    if (!Context.Host.ShouldProcess($"{ClientId ?? unit}", "Rotate the sync app's certificate")) return;
                    var request = new AppRequest { CertificatePath = file, CertificatePassword = SecureStrings.ToPlain(CertificatePassword), CertificateLifetime = CertificateLifetime };
                    app = await new CredentialRotator(Context).RotateCertificateAsync(BusinessUnit, ClientId, request, AdminClientId, GracePeriod, ct).ConfigureAwait(false);
                }
                else if (CompleteRotation)
                {
                    if (!Context.Host.ShouldProcess($"{ClientId ?? unit}", "Remove the credentials earlier rotations retired")) return;
                }
                else
                {
                    var current = new SyncAppService(Context).Get(BusinessUnit, ClientId);
                    if (current.Count == 0) return;
                    var request = new AppRequest
                    {
                        ClientSecret = SecureStrings.ToPlain(ClientSecret),
                        SecretFromEnvironment = SecretFromEnvironment,
                        SecretExpiresUtc = UtcTime.From(SecretExpiresUtc),
                        CertificateThumbprint = CertificateThumbprint,
                        CertificatePath = file,
                        CertificatePassword = SecureStrings.ToPlain(CertificatePassword),
                        DisplayName = DisplayName,
                        PresenceBudget = PresenceBudget,
                        Endpoint = AuthorityHost != null || GraphBaseUrl != null || ServerCertificateThumbprint != null
                            ? new GraphEndpoint(AuthorityHost ?? current[0].AuthorityHost, GraphBaseUrl ?? current[0].GraphBaseUrl, ServerCertificateThumbprint ?? current[0].ServerCertificateThumbprint)
                            : null,
                    };
                    app = new SyncAppService(Context).Set(BusinessUnit, ClientId ?? (current.Count == 1 ? current[0].ClientId : null), request);
                    if (app == null) return;
                }
                // Whoever runs a Set- next removes what is due: with the admin's sign-in when given, else as the app itself.
                var pending = await new CredentialRetirement(Context).RemoveDueAsync(BusinessUnit, app?.ClientId ?? ClientId, AdminClientId, ct).ConfigureAwait(false);
                foreach (var refused in pending.Where(p => p.LastError != null))
                    Context.Host.WriteWarning($"The retired {refused.Kind.ToString().ToLowerInvariant()} {refused.KeyId} of app {refused.ClientId} is past its grace period but still on the app: {refused.LastError}");
                if (PassThru && app != null) Context.Host.WriteObject(new SyncAppService(Context).Get(BusinessUnit, app.ClientId)[0]);
            });
        }
    }
}
