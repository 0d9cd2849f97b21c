# Run by StoreFaultSyncTests in a real pwsh process: a long-running Start-PresenceSync that the test
# stops with SIGTERM, as systemd or docker stop would. It writes its own process id first.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Store,
    [Parameter(Mandatory)] [string] $PidFile
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Set-PresenceSyncStore -Path $Store | Out-Null
Set-Content -Path $PidFile -Value $PID
Start-PresenceSync -PollInterval 00:00:01
'ENDED'
