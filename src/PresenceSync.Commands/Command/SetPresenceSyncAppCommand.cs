using System;
using System.Management.Automation;
using System.Security;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Changes a unit's app: rotates its client secret through Graph in one step (-RotateSecret),
    /// or records a new secret, certificate, expiry, endpoint or presence budget.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PresenceSyncApp", SupportsShouldProcess = true, DefaultParameterSetName = "Change")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class SetPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>Add a new secret through Graph, switch to it, then remove the old one.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Rotate")]
        public SwitchParameter RotateSecret { get; set; }

        [Parameter(ParameterSetName = "Rotate")]
        public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(180);

        /// <summary>Rotate as an admin signed in by device code with this public client (an app may not change its own secrets).</summary>
        [Parameter(ParameterSetName = "Rotate")]
        public string? AdminClientId { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public SwitchParameter SecretFromEnvironment { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public DateTime? SecretExpiresUtc { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? CertificateThumbprint { get; set; }

        [Parameter(ParameterSetName = "Change")]
        public string? CertificatePath { get; set; }

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
            if (RotateSecret)
            {
                RunAsync(async ct =>
                {
                    if (!Context.Host.ShouldProcess(BusinessUnit ?? "Default", "Rotate the sync app's client secret")) return;
                    var rotated = await new AppRegistrar(Context).RotateSecretAsync(BusinessUnit, SecretLifetime, AdminClientId, ct).ConfigureAwait(false);
                    if (PassThru) Context.Host.WriteObject(rotated);
                });
                return;
            }
            var current = new SyncAppService(Context).Get(BusinessUnit);
            if (current == null) return;
            var request = new AppRequest
            {
                ClientSecret = SecureStrings.ToPlain(ClientSecret),
                SecretFromEnvironment = SecretFromEnvironment,
                SecretExpiresUtc = UtcTime.From(SecretExpiresUtc),
                CertificateThumbprint = CertificateThumbprint,
                CertificatePath = CertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath),
                DisplayName = DisplayName,
                PresenceBudget = PresenceBudget,
                Endpoint = AuthorityHost != null || GraphBaseUrl != null || ServerCertificateThumbprint != null
                    ? new GraphEndpoint(AuthorityHost ?? current.AuthorityHost, GraphBaseUrl ?? current.GraphBaseUrl, ServerCertificateThumbprint ?? current.ServerCertificateThumbprint)
                    : null,
            };
            var app = new SyncAppService(Context).Set(BusinessUnit, request);
            if (app != null && PassThru) WriteObject(app);
        }
    }
}
