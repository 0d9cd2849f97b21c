# Run by IsolationTests in a real pwsh process: PresenceSync and another module's versions of Azure.Core,
# Microsoft.Identity.Client (with its Microsoft.IdentityModel.Abstractions) and Microsoft.Graph.Core in one
# session, the others loaded before PresenceSync (-Order OthersFirst) or after it (-Order ModuleFirst), as
# Az.Accounts or the Microsoft.Graph PowerShell SDK would load them. Each result is one line 'NAME: value'.
param(
    [Parameter(Mandatory)] [ValidateSet('OthersFirst', 'ModuleFirst')] [string] $Order,
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Packages,
    [Parameter(Mandatory)] [string] $Store,
    [Parameter(Mandatory)] [int] $Block
)
$ErrorActionPreference = 'Stop'

function Import-OtherVersions {
    foreach ($dll in 'azure.core/1.38.0/lib/net6.0/Azure.Core.dll',
        'microsoft.identitymodel.abstractions/6.35.0/lib/net6.0/Microsoft.IdentityModel.Abstractions.dll',
        'microsoft.identity.client/4.60.4/lib/net6.0/Microsoft.Identity.Client.dll',
        'microsoft.graph.core/4.0.1/lib/net8.0/Microsoft.Graph.Core.dll') {
        Add-Type -Path (Join-Path $Packages $dll)
    }
    'LOADED: others'
}

# Uses each of the other versions, by the type names a script of that other module would use.
function Use-OtherVersions([string] $When) {
    $etag = [Azure.ETag]::new('v1')
    $app = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create('5e0c1a10-0000-4000-8000-0000000000aa').
        WithClientSecret('not-used').WithTenantId('contoso.test').Build()
    $step = [Microsoft.Graph.BatchRequestStep]::new('step-1', [System.Net.Http.HttpRequestMessage]::new('GET', 'https://graph.microsoft.com/v1.0/me'))
    "OTHERS ${When}: Azure.Core $([Azure.ETag].Assembly.GetName().Version) etag=$etag; " +
    "MSAL $($app.GetType().Assembly.GetName().Version) client=$($app.AppConfig.ClientId); " +
    "Graph.Core $([Microsoft.Graph.BatchRequestStep].Assembly.GetName().Version) step=$($step.RequestId)"
}

if ($Order -eq 'OthersFirst') {
    Import-OtherVersions
    Use-OtherVersions 'before'
}

Import-Module $Manifest
Set-PresenceSyncStore -Path $Store | Out-Null
New-PresenceSyncApp -TenantId $env:ISOLATION_TENANT -ClientId $env:ISOLATION_CLIENT -SecretFromEnvironment -AuthorityHost $env:ISOLATION_AUTHORITY `
    -GraphBaseUrl $env:ISOLATION_GRAPH -ServerCertificateThumbprint $env:ISOLATION_PIN -WarningAction SilentlyContinue | Out-Null
Sync-PresenceTeamsUser -WarningAction SilentlyContinue | Out-Null
1..2 | ForEach-Object { [pscustomobject]@{ AgentId = "S$_"; Email = 'user{0:0000}@contoso.test' -f (($_ + $Block) * 7 + 1) } } | Import-PresenceAgent
Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue | Out-Null
New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall', 'Available => Clear' | Out-Null
Add-PresenceRuleAssignment -Rule Sync -Default | Out-Null
Set-PresenceAgentState -AgentId S1 -State Inbound
Start-PresenceSync -Once -WarningAction SilentlyContinue
$presence = Get-PresenceTeamsPresence -AgentId S1
"SYNCED: $($presence.Availability)/$($presence.Activity)"
# The module's own types stay resolvable by name, and are the types of what its cmdlets return.
"TYPES: $((Get-PresenceAgent -AgentId S1) -is [PresenceSync.Engine.Model.PresenceAgent]) $($presence -is [PresenceSync.Engine.Presence.TeamsPresence])"

if ($Order -eq 'ModuleFirst') { Import-OtherVersions }
Use-OtherVersions 'after'

# What PresenceSync itself runs on: its own versions, in its own load context.
$private = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'PresenceSync'
$own = foreach ($name in 'Azure.Core', 'Microsoft.Identity.Client', 'Microsoft.Graph.Core') {
    $assembly = $private.Assemblies | Where-Object { $_.GetName().Name -eq $name }
    "$name $(if ($assembly) { $assembly.GetName().Version } else { 'not in the module context' })"
}
"MODULE: $($own -join '; ')"
