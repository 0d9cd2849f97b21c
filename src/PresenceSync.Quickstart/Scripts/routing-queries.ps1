<#
.SYNOPSIS
    Measures the routing GET queries of a running sync (issue 10): p50/p99 of one agent's decision,
    the routable agents of a service and all decisions of a service, for -Agents agents (20,000 by
    default) in one service. Starts its own Graph emulator ('dotnet run', so the .NET SDK is needed)
    and a throw-away store; prints numbers, not pass/fail.
.EXAMPLE
    pwsh src/PresenceSync.Quickstart/Scripts/routing-queries.ps1 -Agents 20000 -Requests 2000
#>
[CmdletBinding()]
param(
    [int] $Agents = 20000,
    [int] $Requests = 2000
)
$ErrorActionPreference = 'Stop'
$root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../..'))
Import-Module (Join-Path $root 'out/PresenceSync/PresenceSync.psd1') -Force
$users = [int][math]::Ceiling($Agents * 7 / 6) + 50   # every 7th seeded user is disabled

$start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in 'run', '--project', (Join-Path $root 'src/PresenceSync.Emulator'), '--', '--port', '0', '--users', "$users", '--exit-on-stdin-close') { $start.ArgumentList.Add($a) }
$start.UseShellExecute = $false
$start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
$emulator = [System.Diagnostics.Process]::Start($start)
$emulator.BeginErrorReadLine()
$c = $emulator.StandardOutput.ReadLine() | ConvertFrom-Json
$dir = Join-Path ([System.IO.Path]::GetTempPath()) ('presencesync-routing-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $dir | Out-Null
$sync = $null
try {
    $store = Join-Path $dir 'store.db'
    Set-PresenceSyncStore -Path $store | Out-Null
    $env:PRESENCESYNC_CLIENT_SECRET_DEFAULT = $c.clientSecret
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    New-PresenceSyncApp -TenantId $c.tenantId -ClientId $c.clientId -SecretFromEnvironment -AuthorityHost $c.authorityHost -GraphBaseUrl $c.graphBaseUrl `
        -ServerCertificateThumbprint $c.certificateThumbprint -WarningAction SilentlyContinue | Out-Null
    Sync-PresenceTeamsUser -WarningAction SilentlyContinue | Out-Null
    $script:n = 0
    Get-PresenceTeamsUser | Where-Object AccountEnabled | ForEach-Object {
        if ($script:n -lt $Agents) { $script:n++; [pscustomobject]@{ AgentId = "R$($script:n)"; Email = $_.UserPrincipalName; Team = 'Hotline' } }
    } | Import-PresenceAgent
    Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue | Out-Null
    New-PresenceRule -Name Bench -Row 'Inbound => Busy/InACall', 'Available => Clear' | Out-Null
    Add-PresenceRuleAssignment -Rule Bench -Default | Out-Null
    New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available => Route', 'Busy => Route' -AcdContactState Inbound | Out-Null
    New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null
    Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Hotline -WarningAction SilentlyContinue | Out-Null
    # Half the agents Available in Teams, so that about half are routable.
    # The control API of this emulator only (a self-signed certificate; the module itself pins its thumbprint).
    $handler = [System.Net.Http.HttpClientHandler]::new()
    $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $control = [System.Net.Http.HttpClient]::new($handler)
    foreach ($u in @(Get-PresenceUserMapping | Select-Object -First ([int]($Agents / 2)))) {
        $body = [System.Net.Http.StringContent]::new('{"availability":"Available","activity":"Available"}', [System.Text.Encoding]::UTF8, 'application/json')
        $control.PutAsync("$($c.controlUrl)/users/$($u.UserPrincipalName)/devices/desktop", $body).GetAwaiter().GetResult().Dispose()
    }
    '{0,-44} {1,9:N0} ms   {2} agents' -f 'Setup', $watch.Elapsed.TotalMilliseconds, $script:n

    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $secret = 'routing-benchmark-secret'
    $runspace = [runspacefactory]::CreateRunspace(); $runspace.Open()
    $sync = [powershell]::Create(); $sync.Runspace = $runspace
    $null = $sync.AddScript("Import-Module '$(Join-Path $root 'out/PresenceSync/PresenceSync.psd1')'; Set-PresenceSyncStore -Path '$store'; " +
        "Start-PresenceSync -PollInterval 00:00:05 -EventPort $port -EventSecret ([System.Net.NetworkCredential]::new('', '$secret').SecurePassword) | Out-Null")
    $handle = $sync.BeginInvoke()

    $http = [System.Net.Http.HttpClient]::new()
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([System.Text.Encoding]::UTF8.GetBytes($secret))
    function Invoke-Query([string] $Target) {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, "http://127.0.0.1:$port$Target")
        $ts = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds().ToString()
        $request.Headers.Add('X-PresenceSync-Timestamp', $ts)
        $request.Headers.Add('X-PresenceSync-Signature', 'sha256=' + [Convert]::ToHexString($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes("$ts.$Target"))).ToLowerInvariant())
        $response = $http.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $response.Dispose()
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = $text }
    }
    $deadline = [DateTime]::UtcNow.AddMinutes(10)
    while ($true) {
        try { $answer = Invoke-Query '/routing/Hotline/routable'; if ($answer.Status -eq 200 -and ($answer.Body | ConvertFrom-Json).count -gt 0) { break } } catch { }
        if ([DateTime]::UtcNow -gt $deadline -or $handle.IsCompleted) { throw 'The sync did not answer routing queries within 10 minutes.' }
        Start-Sleep -Milliseconds 500
    }
    '{0,-44} {1,9:N0} ms   {2} routable' -f 'Sync started, first decisions', $watch.Elapsed.TotalMilliseconds, ($answer.Body | ConvertFrom-Json).count

    $random = [System.Random]::new(10)
    foreach ($query in @(
            @{ Name = 'GET /routing/{service}/agents/{agentId}'; Target = { "/routing/Hotline/agents/R$($random.Next(1, $script:n + 1))" }; Count = $Requests },
            @{ Name = 'GET /routing/{service}/routable'; Target = { '/routing/Hotline/routable' }; Count = $Requests },
            @{ Name = 'GET /routing/{service} (all decisions)'; Target = { '/routing/Hotline' }; Count = [math]::Min(200, $Requests) })) {
        $times = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $query.Count + 20; $i++) {
            $target = & $query.Target
            $t = [System.Diagnostics.Stopwatch]::StartNew()
            $r = Invoke-Query $target
            $t.Stop()
            if ($r.Status -ne 200) { throw "$target answered $($r.Status): $($r.Body)" }
            if ($i -ge 20) { $times.Add($t.Elapsed.TotalMilliseconds) }   # the first 20 warm up
        }
        $sorted = $times | Sort-Object
        '{0,-44} p50 {1,7:N2} ms   p99 {2,7:N2} ms   max {3,7:N2} ms   ({4} requests, {5:N0} bytes)' -f $query.Name,
            $sorted[[int]($sorted.Count * 0.5)], $sorted[[int]($sorted.Count * 0.99) - 1], $sorted[-1], $sorted.Count, $r.Body.Length
    }
}
finally {
    if ($sync) { $sync.Stop(); $sync.Dispose() }
    Remove-Module PresenceSync -ErrorAction Ignore
    $emulator.StandardInput.Close()
    if (-not $emulator.WaitForExit(15000)) { $emulator.Kill($true) }
    Remove-Item -Recurse -Force $dir -ErrorAction Ignore
}
