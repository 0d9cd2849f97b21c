# Shared by Sync.Tests.ps1 and Sync.Run.Tests.ps1 (dot-source it in BeforeAll): the Graph emulator as a process
# of its own, its control API, a store with agents S1..Sn mapped to a block of the emulator's users, and a sync
# running in a second runspace or a second process. The functions read $connection, $block and $store of the
# Pester block that calls them.

$syncRepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$syncModulePath = Join-Path $syncRepoRoot 'out/PresenceSync/PresenceSync.psd1'

# The emulator prints one JSON line on stdout (its connection) and serves until its stdin closes. Stderr carries
# its log: it is read and dropped so that the emulator never blocks on a full pipe. 'dotnet run' builds it first.
function Start-SyncEmulator {
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in 'run', '--project', (Join-Path $syncRepoRoot 'src/PresenceSync.Emulator'), '--',
        '--port', '0', '--users', '2000', '--exit-on-stdin-close') { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $process.BeginErrorReadLine()
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([timespan]::FromMinutes(5)) -or -not $read.Result) { throw 'The Graph emulator did not start (dotnet run printed no connection line).' }
    [pscustomobject]@{ Process = $process; Connection = $read.Result | ConvertFrom-Json }
}

function Stop-SyncEmulator($Emulator) {
    # Removing the module releases the pooled SQLite connections that keep the store files open.
    Remove-Module PresenceSync -ErrorAction Ignore
    if ($Emulator) {
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(15000)) { $Emulator.Process.Kill($true) }
        $Emulator.Process.Dispose()
    }
}

# The control API (counts, faults, Teams-side changes; no token). -SkipCertificateCheck is for this test only: the
# emulator serves a self-signed certificate, which the module itself trusts through -ServerCertificateThumbprint.
function Invoke-Control([string] $Method, [string] $Path, $Body) {
    $request = @{ Method = $Method; Uri = $connection.controlUrl + $Path; SkipCertificateCheck = $true }
    if ($null -ne $Body) { $request.Body = $Body | ConvertTo-Json -Compress; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

# The Teams user agent Sn of the current block is mapped to (every 7th seeded user is disabled, so 7n+1 never is).
function Get-SyncUpn([int] $Agent) { 'user{0:0000}@contoso.test' -f (($Agent + $block) * 7 + 1) }

function Get-Shown([int] $Agent) {
    $presence = Invoke-Control GET "/users/$(Get-SyncUpn $Agent)/presence"
    '{0}/{1}' -f $presence.availability, $presence.activity
}

# The presence sessions PresenceSync's app holds for agent Sn (0 or 1).
function Get-AppSessionCount([int] $Agent) {
    @((Invoke-Control GET "/users/$(Get-SyncUpn $Agent)/presence").sessions | Where-Object { $_.kind -eq 'App' }).Count
}

function Set-TeamsClient([int] $Agent, [string] $Availability, [string] $Activity, [string] $Device = 'desktop') {
    Invoke-Control PUT "/users/$(Get-SyncUpn $Agent)/devices/$Device" @{ availability = $Availability; activity = $Activity } | Out-Null
}

function Get-PresenceWrites { [long] (Invoke-Control GET /stats).presenceWrites }

# A fresh store: the emulator's app (its secret read from the environment, so that other runspaces and processes
# find it too), the directory, agents S1..Sn mapped to the block's users, and one rule as the unit default.
function Initialize-SyncStore([string] $Path, [int] $Agents) {
    Set-PresenceSyncStore -Path $Path | Out-Null
    New-PresenceSyncApp -TenantId $connection.tenantId -ClientId $connection.clientId -SecretFromEnvironment -AuthorityHost $connection.authorityHost `
        -GraphBaseUrl $connection.graphBaseUrl -ServerCertificateThumbprint $connection.certificateThumbprint | Out-Null
    Sync-PresenceTeamsUser -WarningAction SilentlyContinue | Out-Null
    1..$Agents | ForEach-Object { [pscustomobject]@{ AgentId = "S$_"; Email = Get-SyncUpn $_ } } | Import-PresenceAgent
    Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue | Out-Null
    New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall', 'Outbound => Busy/InACall', 'Conference => Busy/InAConferenceCall',
        'LoggedOut => Clear', 'Available => Clear', 'Busy/InAMeeting => Meeting when Available,Idle', 'Idle => Away/Away' | Out-Null
    Add-PresenceRuleAssignment -Rule Sync -Default | Out-Null
}

function Wait-Until([scriptblock] $Condition, [int] $Seconds = 15) {
    $deadline = [datetime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([datetime]::UtcNow -gt $deadline) { throw "The condition did not come true in $Seconds seconds: $Condition" }
        [System.Threading.Thread]::Sleep(200)
    }
}

function Get-FreePort {
    $socket = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $socket.Start()
    try { $socket.LocalEndpoint.Port } finally { $socket.Stop() }
}

# A continuous Start-PresenceSync in a second runspace of this process, on the same store.
function Start-BackgroundSync([hashtable] $Parameters) {
    $shell = [powershell]::Create([initialsessionstate]::CreateDefault2())
    $null = $shell.AddScript({
            param([string] $Module, [string] $Store, [hashtable] $Parameters)
            Import-Module $Module
            Set-PresenceSyncStore -Path $Store | Out-Null
            Start-PresenceSync @Parameters -WarningAction SilentlyContinue
        }).AddArgument($syncModulePath).AddArgument($store).AddArgument($Parameters)
    [pscustomobject]@{ Shell = $shell; Handle = $shell.BeginInvoke() }
}

# Waits for a background sync to end; returns its output, and throws what it failed with.
function Wait-BackgroundSync($Sync, [int] $Seconds = 30) {
    try {
        if (-not $Sync.Handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($Seconds))) { throw "The background sync did not end in $Seconds seconds." }
        $Sync.Shell.EndInvoke($Sync.Handle)
        if ($Sync.Shell.Streams.Error.Count) { throw "The background sync failed: $($Sync.Shell.Streams.Error[0])" }
    }
    finally { $Sync.Shell.Dispose() }
}

# A second pwsh, the same as the one running these tests. Not "the current process": when pwsh runs as a dotnet tool
# (dotnet pwsh), that is dotnet. $PSHOME holds pwsh's own executable in every install, the dotnet tool's included.
function New-PwshStartInfo {
    $executable = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (Test-Path $executable) { return [System.Diagnostics.ProcessStartInfo]::new($executable) }
    $start = [System.Diagnostics.ProcessStartInfo]::new([System.Environment]::ProcessPath)
    $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    $start
}

# A continuous Start-PresenceSync in a PowerShell process of its own (the one running these tests), on the same store.
function Start-SyncProcess([string] $Arguments) {
    $command = "Import-Module '$syncModulePath'; Set-PresenceSyncStore -Path '$store' | Out-Null; Start-PresenceSync $Arguments | Out-Null"
    $start = New-PwshStartInfo
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $command) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    [System.Diagnostics.Process]::Start($start)
}

# What an ACD does: HMAC-SHA256 with the shared secret over "<unix seconds>.<body>", as "sha256=<lower-case hex>".
function Get-Signature([string] $Secret, [string] $Timestamp, [byte[]] $Body) {
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([System.Text.Encoding]::UTF8.GetBytes($Secret))
    $signed = [System.Text.Encoding]::ASCII.GetBytes("$Timestamp.") + $Body
    try { 'sha256=' + (-join ($hmac.ComputeHash([byte[]] $signed) | ForEach-Object { $_.ToString('x2') })) } finally { $hmac.Dispose() }
}

# The two headers of a signed request: the time it is sent and the signature over that time and the body.
function Get-SignedHeaders([string] $Secret, [byte[]] $Body) {
    $timestamp = [string][DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    @{ 'X-PresenceSync-Timestamp' = $timestamp; 'X-PresenceSync-Signature' = Get-Signature $Secret $timestamp $Body }
}

# Start-PresenceSync -Once writes the ACD changes it decided and, at the end, one PresenceSyncSummary per unit:
# this keeps the changes.
filter Select-AcdChange {
    if ($_ -is [PresenceSync.Engine.Sync.PresenceAcdChange]) { $_ }
}
