<#
.SYNOPSIS
    The benchmark's sync process: Start-PresenceSync with its event endpoint, on the store the
    benchmark set up, until Stop-PresenceSync. Parameters come from the environment.
#>
$ErrorActionPreference = 'Continue'
$secret = [System.Net.NetworkCredential]::new('', $env:BENCH_EVENT_SECRET).SecurePassword
[Environment]::SetEnvironmentVariable('BENCH_EVENT_SECRET', $null)
$units = @(if ($env:BENCH_UNITS) { $env:BENCH_UNITS -split ',' })
$options = @{ EventPort = [int]$env:BENCH_EVENT_PORT; EventSecret = $secret; PollInterval = [timespan]$env:BENCH_POLL_INTERVAL; NoSipSource = $true }
if ($units.Count -gt 0) { $options.BusinessUnit = $units }
Start-PresenceSync @options -WarningAction SilentlyContinue | Out-Null
