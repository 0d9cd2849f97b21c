# Pester 5 (5.1 or later). Rows towards Teams with a minimum duration ('after 5s') and a status message, through the
# sync against the PresenceSync Graph emulator started as a process of its own: the workflows of
# tests/PresenceSync.Module.Tests/MinimumDurationSyncTests.cs and StatusMessageSyncTests.cs. Needs PowerShell 7 and the .NET SDK; skipped without them.

BeforeDiscovery {
    $canRun = $PSVersionTable.PSEdition -eq 'Core' -and [bool](Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'Rule rows towards Teams with a minimum duration or a status message' -Skip:(-not $canRun) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Sync.Helpers.ps1')
        Import-Module $syncModulePath -Force
        $emulator = Start-SyncEmulator
        $connection = $emulator.Connection
        $savedSecret = [Environment]::GetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT')
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $connection.clientSecret)
        $blocks = @{ Next = 0 }
        $eventSecret = 'acd-shared-secret'

        # POSTs a signed event as an ACD would: the status code, or 0 while the endpoint is not listening yet.
        function Send-AcdEvent([string] $Body) {
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($Body)
            try {
                $null = Invoke-RestMethod -Method Post -Uri "http://127.0.0.1:$port/events" -Body $bytes -ContentType 'application/json' `
                    -Headers (Get-SignedHeaders $eventSecret $bytes) -SkipHttpErrorCheck -StatusCodeVariable status
                $status
            }
            catch { 0 }
        }
    }

    AfterAll {
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $savedSecret)
        Stop-SyncEmulator $emulator
    }

    BeforeEach {
        $block = $blocks.Next
        $blocks.Next += 5
        $store = Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N'))
        Initialize-SyncStore -Path $store -Agents 5
        Set-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall after 3s', 'Conference => Busy/InAConferenceCall', 'Available => Clear'
    }

    It 'refuses a minimum duration out of bounds or on a row towards the ACD when the rule is written' {
        Set-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall after 10m' -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRuleRow*'
        New-PresenceRule -Name Other -Row 'Busy/InAMeeting => Meeting after 5s' -ErrorVariable bad2 -ErrorAction SilentlyContinue
        $bad2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRuleRow*'
        (Get-PresenceRule Sync).Rows[0].ToString() | Should -Be 'Inbound => Busy/InACall after 3s'
    }

    It 'writes nothing for a call shorter than the row''s duration and records it as skipped; writes a longer one once it has lasted' {
        $port = Get-FreePort
        $sync = Start-BackgroundSync @{
            Duration = [timespan]'00:00:40'; PollInterval = [timespan]'00:10:00'
            EventPort = $port; EventSecret = [System.Net.NetworkCredential]::new('', $eventSecret).SecurePassword
        }
        try {
            Wait-Until { (Send-AcdEvent '[]') -ne 0 } 30
            Wait-Until { (Get-PresenceSyncStatus).LastPassUtc } 30
            Invoke-Control POST /stats/reset | Out-Null

            Send-AcdEvent '{"agentId":"S1","state":"Inbound"}' | Should -Be 202
            Start-Sleep -Milliseconds 1000
            Send-AcdEvent '{"agentId":"S1","state":"Available"}' | Should -Be 202
            Wait-Until { Get-PresenceSyncHistory -AgentId S1 | Where-Object Result -eq 'SkippedShort' }
            Start-Sleep -Milliseconds 3500
            Get-PresenceWrites | Should -Be 0
            Get-AppSessionCount 1 | Should -Be 0

            Send-AcdEvent '{"agentId":"S2","state":"Inbound"}' | Should -Be 202
            Start-Sleep -Milliseconds 1500
            Get-Shown 2 | Should -Not -Be 'Busy/InACall'
            Wait-Until { (Get-Shown 2) -eq 'Busy/InACall' }
        }
        finally {
            $sync.Shell.Stop()
            $sync.Shell.Dispose()
        }
        $skipped = @(Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams)
        $skipped | Should -HaveCount 1
        $skipped[0].Result | Should -Be 'SkippedShort'
        $skipped[0].After | Should -Be 'Busy/InACall'
        @(Get-PresenceSyncHistory -AgentId S2 -Direction ToTeams | ForEach-Object Result) | Should -Be @('OK')
    }

    It 'sets a row''s status message with its placeholders filled, and clears it when the state ends' {
        Set-PresenceRule -Name Sync -Row 'Wrapup => Busy/InACall message "After-call work ({Reason}) for {AgentId}" expires 30m',
            'Conference => Busy/InAConferenceCall', 'Available => Clear'
        Set-PresenceAgentState -AgentId S3 -State Wrapup -Reason Survey
        Start-PresenceSync -Once | Out-Null
        $presence = Invoke-Control GET "/users/$(Get-SyncUpn 3)/presence"
        $presence.statusMessage.content | Should -Be 'After-call work (Survey) for S3'
        [datetimeoffset]::Parse($presence.statusMessage.expiryDateTime) | Should -BeGreaterThan ([datetimeoffset]::UtcNow.AddMinutes(25))

        Set-PresenceAgentState -AgentId S3 -State Available
        Start-PresenceSync -Once | Out-Null
        (Invoke-Control GET "/users/$(Get-SyncUpn 3)/presence").statusMessage | Should -BeNullOrEmpty
        Get-AppSessionCount 3 | Should -Be 0
        @(Get-PresenceSyncHistory -AgentId S3 -Direction ToTeams | Where-Object Operation -eq 'setStatusMessage' | ForEach-Object After) |
            Should -Be @('message: After-call work (Survey) for S3', '(cleared)')
    }

    It 'refuses a status message longer than Teams shows, or with an unknown placeholder, when the rule is written' {
        Set-PresenceRule -Name Sync -Row ("Wrapup => Busy/InACall message `"{0}`"" -f ('x' * 281)) -ErrorVariable long -ErrorAction SilentlyContinue
        $long[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatusMessage*'
        $long[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        New-PresenceRule -Name Other -Row 'Wrapup => Busy/InACall message "{Mood}"' -ErrorVariable unknown -ErrorAction SilentlyContinue
        $unknown[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatusMessage*'
        Get-PresenceRule -Name Other -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-PresenceRule Sync).Rows[0].ToString() | Should -Be 'Inbound => Busy/InACall after 3s'
    }
}
