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
    /// device-code sign-in (with a client secret, or a new certificate), or records an app that
    /// exists (client secret, certificate or managed identity). -Additional records another app for
    /// a unit that has one: agents are spread over the unit's apps. A secret is never stored in clear.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PresenceSyncApp", SupportsShouldProcess = true, DefaultParameterSetName = "Register")]
    [OutputType(typeof(PresenceSyncApp))]
    public sealed class NewPresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>The tenant's id (GUID) or a verified domain; the app is registered there.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Register", ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = "RegisterCertificate", ValueFromPipelineByPropertyName = true)]
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

        /// <summary>Keep no secret: read PRESENCESYNC_CLIENT_SECRET_&lt;CLIENTID&gt;, _&lt;UNIT&gt; or PRESENCESYNC_CLIENT_SECRET when needed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Environment")]
        public SwitchParameter SecretFromEnvironment { get; set; }

        [Parameter(ParameterSetName = "Secret")]
        [Parameter(ParameterSetName = "Environment")]
        public DateTime? SecretExpiresUtc { get; set; }

        /// <summary>A certificate with its private key in the CurrentUser or LocalMachine 'My' store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Thumbprint")]
        public string? CertificateThumbprint { get; set; }

        /// <summary>A PFX file with the certificate and its private key; with -NewCertificate, where the new one is written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "CertificateFile")]
        [Parameter(ParameterSetName = "RegisterCertificate")]
        public string? CertificatePath { get; set; }

        /// <summary>The PFX's password; kept at rest like a client secret, never in clear in the store.</summary>
        [Parameter(ParameterSetName = "CertificateFile")]
        [Parameter(ParameterSetName = "RegisterCertificate")]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Register the app with a new self-signed certificate instead of a secret (in the user's store, or a PFX at -CertificatePath).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "RegisterCertificate")]
        public SwitchParameter NewCertificate { get; set; }

        [Parameter(ParameterSetName = "RegisterCertificate")]
        public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(365);

        [Parameter(Mandatory = true, ParameterSetName = "ManagedIdentity")]
        public SwitchParameter ManagedIdentity { get; set; }

        /// <summary>The managed identity is user-assigned: -ClientId names it.</summary>
        [Parameter(ParameterSetName = "ManagedIdentity")]
        public SwitchParameter UserAssigned { get; set; }

        [Parameter(ParameterSetName = "Register")]
        [Parameter(ParameterSetName = "RegisterCertificate")]
        [Parameter(ParameterSetName = "Secret")]
        [Parameter(ParameterSetName = "Environment")]
        [Parameter(ParameterSetName = "Thumbprint")]
        [Parameter(ParameterSetName = "CertificateFile")]
        public string? DisplayName { get; set; }

        /// <summary>The public client the admin signs in with (default: Microsoft Graph PowerShell).</summary>
        [Parameter(ParameterSetName = "Register")]
        [Parameter(ParameterSetName = "RegisterCertificate")]
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

        /// <summary>Record another app for a unit that has one (same tenant): each app has its own presence budget, agents are spread over them.</summary>
        [Parameter]
        public SwitchParameter Additional { get; set; }

        /// <summary>Replace the record of the app with the same client id, or the unit's only app (whose presence sessions are cleared first).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var file = CertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath);
            var request = new AppRequest
            {
                TenantId = TenantId,
                ClientId = ClientId,
                DisplayName = DisplayName,
                ClientSecret = SecureStrings.ToPlain(ClientSecret),
                SecretFromEnvironment = SecretFromEnvironment,
                SecretExpiresUtc = UtcTime.From(SecretExpiresUtc),
                CertificateThumbprint = CertificateThumbprint,
                CertificatePath = file,
                CertificatePassword = SecureStrings.ToPlain(CertificatePassword),
                NewCertificate = NewCertificate,
                CertificateLifetime = CertificateLifetime,
                ManagedIdentityClientId = UserAssigned ? ClientId : null,
                CredentialType = ParameterSetName switch
                {
                    "Thumbprint" => CredentialType.Certificate,
                    "CertificateFile" => CredentialType.Certificate,
                    "RegisterCertificate" => CredentialType.Certificate,
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
            RunAsync(async ct =>
            {
                var app = ParameterSetName == "Register" || ParameterSetName == "RegisterCertificate"
                    ? await new AppRegistrar(Context).RegisterAsync(BusinessUnit, request, Force, Additional, ct).ConfigureAwait(false)
                    : await new SyncAppService(Context).RecordAsync(BusinessUnit, request, Force, Additional, ct).ConfigureAwait(false);
                if (app != null) Context.Host.WriteObject(app);
            });
        }
    }
}
