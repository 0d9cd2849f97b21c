<#
.SYNOPSIS
    PresenceSync quickstart: connect a tenant, read its directory, map agents, write a rule, run
    the sync while ACD events and Teams changes flow, then report what was synced each way.
.DESCRIPTION
    The quickstart host runs this against its Graph emulator. In pwsh it runs unchanged against a
    real tenant, and there it touches only what it made: its rule is named Quickstart-ContactCenter
    (only Quickstart-* rules and their assignments are replaced), the unit's default rule is set only
    when it has none, and an app the unit already syncs through is kept, never replaced:
        ./quickstart.ps1 -TenantId <tenant> -ClientId <app> -ClientSecret (Read-Host -AsSecureString) `
            -EventPort 8088 -EventSecret (Read-Host -AsSecureString) -AgentCsv .\agents.csv
    and the ACD posts its agent events, signed, to http://<this host>:8088/events (add -ListenAddress +
    or the host name so that other machines can reach it; by default it listens on 127.0.0.1 only).
#>
[CmdletBinding()]
param(
    [string] $TenantId = $global:TenantId,
    [string] $ClientId = $global:ClientId,
    [securestring] $ClientSecret = $(if ($global:ClientSecret) { [System.Net.NetworkCredential]::new('', $global:ClientSecret).SecurePassword }),
    [string] $AuthorityHost = $global:AuthorityHost,
    [string] $GraphBaseUrl = $global:GraphBaseUrl,
    [string] $ServerCertificateThumbprint = $global:ServerCertificateThumbprint,
    [int] $EventPort = $(if ($global:EventPort) { $global:EventPort } else { 8088 }),
    [string] $ListenAddress = '127.0.0.1',
    [securestring] $EventSecret = $(if ($global:EventSecret) { [System.Net.NetworkCredential]::new('', $global:EventSecret).SecurePassword }),
    [timespan] $Duration = $(if ($global:SyncDuration) { $global:SyncDuration } else { [timespan]::FromMinutes(1) }),
    [string] $AgentCsv,
    [int] $Agents = 150
)
$ErrorActionPreference = 'Stop'
if ($global:PresenceSyncStorePath) { Set-PresenceSyncStore -Path $global:PresenceSyncStorePath }

'== 1. Connect the tenant and check the app =='
$endpoint = @{}
if ($AuthorityHost) { $endpoint.AuthorityHost = $AuthorityHost }
if ($GraphBaseUrl) { $endpoint.GraphBaseUrl = $GraphBaseUrl }
if ($ServerCertificateThumbprint) { $endpoint.ServerCertificateThumbprint = $ServerCertificateThumbprint }
$apps = @(Get-PresenceSyncApp -ErrorAction SilentlyContinue)
if ($apps | Where-Object ClientId -EQ $ClientId) { "App $ClientId is recorded already: kept as it is." }
elseif ($apps) {
    throw "The business unit already syncs through app $($apps[0].ClientId); the quickstart does not replace it. Run it on a store of its own (Set-PresenceSyncStore -Path ./quickstart.db) or in a new unit."
}
else { New-PresenceSyncApp -TenantId $TenantId -ClientId $ClientId -ClientSecret $ClientSecret @endpoint -WarningAction SilentlyContinue | Out-Host }
(Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Out-Host

'== 2. Read the Teams directory =='
Sync-PresenceTeamsUser -WarningAction SilentlyContinue | Out-Host

'== 3. Agents, mapped to Teams users by e-mail =='
if ($AgentCsv) {
    Import-Csv $AgentCsv | Import-PresenceAgent
}
else {
    # No ACD export at hand: agents Q1..Qn for the first enabled directory users.
    $script:n = 0
    Get-PresenceTeamsUser | Where-Object AccountEnabled | ForEach-Object {
        if ($script:n -lt $Agents) {
            $script:n++
            [pscustomobject]@{ AgentId = "Q$($script:n)"; Name = $_.DisplayName; Email = $_.UserPrincipalName; Team = ('Sales', 'Support')[$script:n % 2] }
        }
    } | Import-PresenceAgent
}
$mapped = @(Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
"Agents: $(@(Get-PresenceAgent).Count), newly mapped: $($mapped.Count), unmapped: $(@(Get-PresenceUserMapping -Unmapped).Count)"

'== 4. The rule, as code, for the whole business unit =='
# Only what an earlier quickstart made is replaced: rules named Quickstart-* and their assignments.
$rule = 'Quickstart-ContactCenter'
Get-PresenceRuleAssignment | Where-Object Rule -Like 'Quickstart-*' | Remove-PresenceRuleAssignment -Confirm:$false
Get-PresenceRule | Where-Object Name -Like 'Quickstart-*' | Remove-PresenceRule -Force -Confirm:$false
New-PresenceRule -Name $rule -Row @(
    'Inbound => Busy/InACall'
    'Outbound => Busy/InACall'
    'Conference => Busy/InAConferenceCall'
    'Available => Clear'
    'LoggedOut => Clear'
    'Idle => Away/Away'
    'Busy/InAMeeting => Meeting when Available,Idle'
    'DoNotDisturb/Presenting => Meeting when Available,Idle'
) | Out-Null
(Get-PresenceRule $rule).Rows | Out-Host
if (Get-PresenceRuleAssignment | Where-Object Scope -EQ Default) { "The unit has a default rule already: kept; assign $rule to agents with Add-PresenceRuleAssignment -Rule $rule." }
else { Add-PresenceRuleAssignment -Rule $rule -Default | Out-Host }

"== 5. Sync for $Duration (events on port $EventPort; ACD changes decided from Teams come down the pipeline) =="
$changes = @(Start-PresenceSync -Duration $Duration -PollInterval 00:00:05 -EventPort $EventPort -ListenAddress $ListenAddress -EventSecret $EventSecret -WarningAction SilentlyContinue)
"ACD state changes decided from Teams: $($changes.Count); the first few:"
$changes | Where-Object { $true } | ForEach-Object -Begin { $script:shown = 0 } -Process { if ($script:shown++ -lt 5) { $_ } } | Out-Host

'== 6. What was synced each way (Get-PresenceSyncHistory) =='
$count = @{ ToTeams = 0; ToAcd = 0; Manual = 0; Refused = 0; Info = 0 }
$history = @(Get-PresenceSyncHistory)
$history | ForEach-Object { $count[$_.Direction]++ }
"To Teams: $($count.ToTeams) writes; to the ACD: $($count.ToAcd) changes; manual Teams statuses seen: $($count.Manual); refused events: $($count.Refused)"
'The last Teams writes:'
@($history | Where-Object Direction -eq ToTeams) | ForEach-Object -Begin { $script:all = @() } -Process { $script:all += $_ } -End { if ($script:all.Count) { $script:all[[math]::Max(0, $script:all.Count - 5)..($script:all.Count - 1)] } } | Out-Host

'== 7. Final status =='
Get-PresenceSyncStatus | Out-Host

'== What next =='
@(
    'Get-PresenceAgentState                         # what the sync holds per agent: ACD state, Teams presence written, app'
    'Get-PresenceSyncHistory -AgentId <id> -Last 20 # one agent''s audit trail, each change traced to its event'
    'Get-PresenceRule | Format-List                 # the rule as code; change it with Set-PresenceRule -Row ...'
    'Get-PresenceUserMapping -Unmapped              # agents that matched no Teams user'
    'Start-PresenceSync -Once                       # one pass, for a scheduled task'
    'Get-Help about_PresenceSync                    # the concepts, and Get-Help <cmdlet> -Full for examples'
) | ForEach-Object { "  $_" }
