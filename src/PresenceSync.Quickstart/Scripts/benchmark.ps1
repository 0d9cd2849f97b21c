<#
.SYNOPSIS
    PresenceSync benchmark: prints how long the main operations take and what they cost in Graph
    requests and memory, against the emulator (or, in pwsh, a test tenant given the same parameters
    as quickstart.ps1). Numbers, not pass/fail: compare them between versions.
#>
[CmdletBinding()]
param(
    [string] $TenantId = $global:TenantId,
    [string] $ClientId = $global:ClientId,
    [securestring] $ClientSecret = $(if ($global:ClientSecret) { [System.Net.NetworkCredential]::new('', $global:ClientSecret).SecurePassword }),
    [string] $AuthorityHost = $global:AuthorityHost,
    [string] $GraphBaseUrl = $global:GraphBaseUrl,
    [string] $ServerCertificateThumbprint = $global:ServerCertificateThumbprint,
    [int] $Agents = $(if ($global:BenchmarkAgents) { $global:BenchmarkAgents } else { 1000 })
)
$ErrorActionPreference = 'Stop'
if ($global:PresenceSyncStorePath) { Set-PresenceSyncStore -Path $global:PresenceSyncStorePath }
$endpoint = @{}
if ($AuthorityHost) { $endpoint.AuthorityHost = $AuthorityHost }
if ($GraphBaseUrl) { $endpoint.GraphBaseUrl = $GraphBaseUrl }
if ($ServerCertificateThumbprint) { $endpoint.ServerCertificateThumbprint = $ServerCertificateThumbprint }

function Measure-Step([string] $Name, [scriptblock] $Step) {
    [System.GC]::Collect()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Step
    $watch.Stop()
    $memory = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64 / 1MB
    '{0,-44} {1,9:N0} ms   working set {2,6:N0} MB   {3}' -f $Name, $watch.Elapsed.TotalMilliseconds, $memory, $result
}

New-PresenceSyncApp -TenantId $TenantId -ClientId $ClientId -ClientSecret $ClientSecret @endpoint -Force -WarningAction SilentlyContinue | Out-Null
Measure-Step 'Sync-PresenceTeamsUser (full)' { $r = Sync-PresenceTeamsUser -WarningAction SilentlyContinue; "$($r.Stored) users" }
Measure-Step 'Sync-PresenceTeamsUser (delta, no change)' { $r = Sync-PresenceTeamsUser -WarningAction SilentlyContinue; "$($r.Received) changes" }
Measure-Step "Import-PresenceAgent ($Agents agents)" {
    $script:n = 0
    Get-PresenceTeamsUser | Where-Object AccountEnabled | ForEach-Object {
        if ($script:n -lt $Agents) { $script:n++; [pscustomobject]@{ AgentId = "B$($script:n)"; Email = $_.UserPrincipalName } }
    } | Import-PresenceAgent
    "$script:n agents"
}
Measure-Step 'Add-PresenceUserMapping -Auto' { "$(@(Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue).Count) mapped" }
Measure-Step 'Get-PresenceTeamsPresence (all mapped)' { "$(@(Get-PresenceTeamsPresence).Count) read" }
New-PresenceRule -Name Bench -Row 'Inbound => Busy/InACall', 'Available => Clear' | Out-Null
Add-PresenceRuleAssignment -Rule Bench -Default | Out-Null
Measure-Step "Set-PresenceAgentState ($Agents events)" { Get-PresenceAgent | ForEach-Object { [pscustomobject]@{ AgentId = $_.AgentId; State = 'Inbound' } } | Set-PresenceAgentState; 'recorded' }
Measure-Step 'Start-PresenceSync -Once (every agent written)' { Start-PresenceSync -Once | Out-Null; $s = Get-PresenceSyncStatus; "$($s.TeamsWrites) writes, $($s.GraphRequests) requests, $($s.Throttled) throttled" }
Measure-Step 'Start-PresenceSync -Once (nothing new)' { Start-PresenceSync -Once | Out-Null; $s = Get-PresenceSyncStatus; "$($s.TeamsWrites) writes" }
