using System;
using System.Management.Automation;
using System.Security;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Connects a business unit to a tenant: registers a new app through Graph with an admin's
    /// device-code sign-in, or records an app that exists (client secret, certificate or managed
    /// identity). A client secret is never stored in clear.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PresenceSyncApp", SupportsShouldProcess = true, DefaultParameterSetName = "Register")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class NewPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>The tenant's id (GUID) or a verified domain; the app is registered there.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Register", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "Secret", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "Environment", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "Thumbprint", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "CertificateFile", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "ManagedIdentity", ValueFromPipelineByPropertyName = true)]
        public string? TenantId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Secret", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "Environment", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "Thumbprint", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "CertificateFile", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "ManagedIdentity", ValueFromPipelineByPropertyName = true)]
        [Alias("AppId")]
        public string? ClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Secret")]
        public SecureString? ClientSecret { get; set; }

        /// <summary>Keep no secret: read PRESENCESYNC_CLIENT_SECRET_&lt;UNIT&gt; or PRESENCESYNC_CLIENT_SECRET when needed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Environment")]
        public SwitchParameter SecretFromEnvironment { get; set; }

        [Parameter(ParameterSetName = "Secret")]
        [Parameter(ParameterSetName = "Environment")]
        public DateTime? SecretExpiresUtc { get; set; }

        /// <summary>A certificate with its private key in the CurrentUser or LocalMachine 'My' store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Thumbprint")]
        public string? CertificateThumbprint { get; set; }

        /// <summary>A PFX file with the certificate and its private key (protect the file).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "CertificateFile")]
        public string? CertificatePath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ManagedIdentity")]
        public SwitchParameter ManagedIdentity { get; set; }

        /// <summary>The managed identity is user-assigned: -ClientId names it.</summary>
        [Parameter(ParameterSetName = "ManagedIdentity")]
        public SwitchParameter UserAssigned { get; set; }

        [Parameter(ParameterSetName = "Register")]
        [Parameter(ParameterSetName = "Secret")]
        [Parameter(ParameterSetName = "Environment")]
        [Parameter(ParameterSetName = "Thumbprint")]
        [Parameter(ParameterSetName = "CertificateFile")]
        public string? DisplayName { get; set; }

        /// <summary>The public client the admin signs in with (default: Microsoft Graph PowerShell).</summary>
        [Parameter(ParameterSetName = "Register")]
        public string? AdminClientId { get; set; }

        [Parameter(ParameterSetName = "Register")]
        public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(180);

        /// <summary>Graph application permissions; default User.Read.All and Presence.ReadWrite.All.</summary>
        [Parameter]
        [ValidateSet("User.Read.All", "Presence.Read.All", "Presence.ReadWrite.All")]
        public string[]? Permission { get; set; }

        [Parameter]
        public string? AuthorityHost { get; set; }

        [Parameter]
        public string? GraphBaseUrl { get; set; }

        /// <summary>Trust only this TLS certificate (the PresenceSync emulator or a pinned proxy).</summary>
        [Parameter]
        public string? ServerCertificateThumbprint { get; set; }

        [Parameter]
        [ValidateRange(1, 100000)]
        public int? PresenceBudget { get; set; }

        /// <summary>Replace the unit's current app.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var request = new AppRequest
            {
                TenantId = TenantId,
                ClientId = ClientId,
                DisplayName = DisplayName,
                ClientSecret = SecureStrings.ToPlain(ClientSecret),
                SecretFromEnvironment = SecretFromEnvironment,
                SecretExpiresUtc = UtcTime.From(SecretExpiresUtc),
                CertificateThumbprint = CertificateThumbprint,
                CertificatePath = CertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath),
                ManagedIdentityClientId = UserAssigned ? ClientId : null,
                CredentialType = ParameterSetName switch
                {
                    "Thumbprint" => CredentialType.Certificate,
                    "CertificateFile" => CredentialType.Certificate,
                    "ManagedIdentity" => CredentialType.ManagedIdentity,
                    _ => CredentialType.ClientSecret,
                },
                Permissions = Permission,
                Endpoint = AuthorityHost != null || GraphBaseUrl != null || ServerCertificateThumbprint != null
                    ? new GraphEndpoint(AuthorityHost, GraphBaseUrl, ServerCertificateThumbprint) : null,
                PresenceBudget = PresenceBudget,
                AdminClientId = AdminClientId,
                SecretLifetime = SecretLifetime,
            };
            if (ParameterSetName == "Register")
            {
                RunAsync(async ct =>
                {
                    var app = await new AppRegistrar(Context).RegisterAsync(BusinessUnit, request, Force, ct).ConfigureAwait(false);
                    if (app != null) Context.Host.WriteObject(app);
                });
                return;
            }
            var recorded = new SyncAppService(Context).Record(BusinessUnit, request, Force);
            if (recorded != null) WriteObject(recorded);
        }
    }
}
