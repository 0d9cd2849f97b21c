<#
.SYNOPSIS
    PresenceSync scale benchmark (issue 14 item 5): imports 100,000 agents (or -Agents N) into a
    store, assigns rules to the unit, to ACD teams and to some agents, then times
    Get-PresenceEffectiveRule for every agent and removing every agent from the pipeline. Needs no
    tenant: run it with
        dotnet run --project src/PresenceSync.Quickstart -c Release -- --script src/PresenceSync.Quickstart/Scripts/benchmark-scale.ps1
    Numbers, not pass/fail: compare them between versions.
#>
[CmdletBinding()]
param(
    [int] $Agents = $(if ($global:BenchmarkAgents) { $global:BenchmarkAgents } else { 100000 }),
    [int] $Teams = 50
)
$ErrorActionPreference = 'Stop'
if ($global:PresenceSyncStorePath) { Set-PresenceSyncStore -Path $global:PresenceSyncStorePath | Out-Null }

function Measure-Step([string] $Name, [scriptblock] $Step) {
    [System.GC]::Collect()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Step
    $watch.Stop()
    $memory = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64 / 1MB
    '{0,-52} {1,10:N1} s   working set {2,6:N0} MB   {3}' -f $Name, $watch.Elapsed.TotalSeconds, $memory, $result
}

"PresenceSync scale benchmark: $Agents agents in $Teams ACD teams, store $((Get-PresenceSyncStore).Path)"
$ProgressPreference = 'SilentlyContinue'

Measure-Step "Import-PresenceAgent ($Agents agents)" {
    1..$Agents | ForEach-Object { [pscustomobject]@{ AgentId = "B$_"; Name = "Agent $_"; Email = "agent$_@contoso.test"; Team = "Team$($_ % $Teams)" } } |
        Import-PresenceAgent
    "$((Get-PresenceBusinessUnit -Name Default).AgentCount) stored"
}

Measure-Step 'rules and assignments' {
    New-PresenceRule -Name Standard -Row 'Inbound => Busy/InACall', 'Available => Clear' | Out-Null
    New-PresenceRule -Name Quiet -Row 'Inbound => DoNotDisturb/Presenting', 'Available => Clear' | Out-Null
    Add-PresenceRuleAssignment -Rule Standard -Default | Out-Null
    0..($Teams / 2 - 1) | ForEach-Object { Add-PresenceRuleAssignment -Rule Quiet -Team "Team$_" -Priority (10 + $_) } | Out-Null
    1..([math]::Min(1000, $Agents)) | ForEach-Object { Add-PresenceRuleAssignment -Rule Quiet -AgentId "B$($_ * [math]::Max(1, [int]($Agents / 1000)))" } | Out-Null
    "$(@(Get-PresenceRuleAssignment).Count) assignments"
}

Measure-Step 'Get-PresenceAgent (all)' { "$(@(Get-PresenceAgent).Count) agents" }

function Get-ScopeCounts($Rules) {
    $counts = [ordered]@{}
    foreach ($r in $Rules) { $counts["$($r.Scope)"] = 1 + [int]$counts["$($r.Scope)"] }
    ($counts.Keys | ForEach-Object { "${_}: $($counts[$_])" }) -join ', '
}

# What PowerShell itself spends moving this many objects down a pipeline, for comparison.
Measure-Step "pipeline alone ($Agents strings through ForEach-Object)" { 1..$Agents | ForEach-Object { "B$_" } | Out-Null }

Measure-Step 'Get-PresenceEffectiveRule (whole unit, one read)' { Get-ScopeCounts @(Get-PresenceEffectiveRule) }

Measure-Step 'Get-PresenceAgent | Get-PresenceEffectiveRule' { Get-ScopeCounts @(Get-PresenceAgent | Get-PresenceEffectiveRule) }

Measure-Step 'Get-PresenceEffectiveRule -AgentId (one agent)' { (Get-PresenceEffectiveRule -AgentId "B$Agents").Rule }

$half = [int]($Agents / 2)
Measure-Step "Remove-PresenceAgent from the pipeline ($half agents)" {
    1..$half | ForEach-Object { "B$_" } | Remove-PresenceAgent -Confirm:$false
    "$((Get-PresenceBusinessUnit -Name Default).AgentCount) left"
}

Measure-Step 'Get-PresenceAgent -AgentId B* | Remove-PresenceAgent (the rest)' {
    Get-PresenceAgent -AgentId 'B*' | Remove-PresenceAgent -Confirm:$false
    "$((Get-PresenceBusinessUnit -Name Default).AgentCount) left"
}
