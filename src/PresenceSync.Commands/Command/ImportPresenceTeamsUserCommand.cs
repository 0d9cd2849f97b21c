using System.Linq;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Imports Teams (Entra ID) directory users from the pipeline, for example an export from the
    /// Entra admin center or Get-MgUser output. Sync-PresenceTeamsUser fills the same table from Graph.
    /// </summary>
    [Cmdlet(VerbsData.Import, "PresenceTeamsUser", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceTeamsUser))]
    public sealed class ImportPresenceTeamsUserCommand : BusinessUnitCmdlet
    {
        private TeamsUserImport? _import;

        /// <summary>The directory object id (a GUID).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ObjectId", "TeamsUserId", "UserId")]
        [AllowEmptyString, AllowNull]
        public string? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Upn")]
        [AllowEmptyString, AllowNull]
        public string? UserPrincipalName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        [AllowEmptyString, AllowNull]
        public string? Mail { get; set; }

        /// <summary>Proxy addresses ("SMTP:primary@...", "smtp:alias@..."); one CSV cell may hold several.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProxyAddress")]
        [ListTransformation]
        [AllowEmptyCollection, AllowNull]
        public string[]? ProxyAddresses { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [AllowEmptyString, AllowNull]
        public string? DisplayName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Enabled")]
        [BooleanTransformation]
        public bool AccountEnabled { get; set; } = true;

        /// <summary>The row as it came down the pipeline, kept only to name it in errors.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Begin()
        {
            _import = new TeamsUserImport(Context, BusinessUnit);
            _import.Begin();
        }

        protected override void Process()
        {
            var input = new TeamsUserInput
            {
                Id = Id,
                UserPrincipalName = UserPrincipalName,
                Mail = string.IsNullOrWhiteSpace(Mail) ? null : Mail!.Trim(),
                ProxyAddresses = (ProxyAddresses ?? new string[0]).ToList(),
                DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName!.Trim(),
                AccountEnabled = AccountEnabled,
                Source = (object?)InputObject ?? Id,
            };
            var user = _import!.Process(input, BusinessUnit);
            if (user != null && PassThru) WriteObject(user);
        }

        protected override void End() => _import?.End();
    }
}
