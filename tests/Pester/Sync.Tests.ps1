# Pester 5 (5.1 or later). The sync pass by pass (Start-PresenceSync -Once), the webhook and the store's lock,
# against the PresenceSync Graph emulator started as a process of its own ('dotnet run' builds it first, which can
# take a minute): the workflows of tests/PresenceSync.Module.Tests/SyncTests.cs. Sync.Run.Tests.ps1 has the
# long-running ones. Needs PowerShell 7 and the .NET SDK; skipped without them.

BeforeDiscovery {
    $canRun = $PSVersionTable.PSEdition -eq 'Core' -and [bool](Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'The sync, pass by pass' -Skip:(-not $canRun) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Sync.Helpers.ps1')
        Import-Module $syncModulePath -Force
        $emulator = Start-SyncEmulator
        $connection = $emulator.Connection
        $savedSecret = [Environment]::GetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT')
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $connection.clientSecret)
        # The emulator keeps presence sessions between tests, as a tenant would: each test takes its own users.
        $blocks = @{ Next = 0 }
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
        Invoke-Control POST /stats/reset | Out-Null
    }

    It 'shows an inbound call as Busy/InACall, and clears the app''s session when the call ends' {
        Set-PresenceAgentState -AgentId S1 -State Inbound -CallType Inbound
        Start-PresenceSync -Once | Select-AcdChange | Should -BeNullOrEmpty
        Get-Shown 1 | Should -Be 'Busy/InACall'

        Set-PresenceAgentState -AgentId S1 -State Available
        Start-PresenceSync -Once
        Get-AppSessionCount 1 | Should -Be 0

        $history = @(Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams)
        $history[0] | Should -BeOfType ([PresenceSync.Engine.Sync.SyncHistoryEntry])
        @($history | ForEach-Object { $_.Operation }) | Should -Be @('setPresence', 'clearPresence')
        @($history | ForEach-Object { $_.EventSource }) | Should -Be @('Pipeline', 'Pipeline')
        @($history | ForEach-Object { $_.Result }) | Should -Be @('OK', 'OK')
    }

    It 'ends -Once with one summary per business unit, for a runbook''s log' {
        Set-PresenceAgentState -AgentId S2 -State Inbound
        $summary = @(Start-PresenceSync -Once | Where-Object { $_ -is [PresenceSync.Engine.Sync.PresenceSyncSummary] })
        $summary | Should -HaveCount 1
        $summary[0].BusinessUnit | Should -Be 'Default'
        $summary[0].Result | Should -Be 'Succeeded'
        $summary[0].WritesMade | Should -BeGreaterOrEqual 1
        $summary[0].WritesFailed | Should -Be 0
        $summary[0].TeamsReadOk | Should -BeTrue
        ($summary[0] | Format-Table | Out-String -Width 120) | Should -BeLike '*WritesMade*'
        Set-PresenceAgentState -AgentId S2 -State Available
        Start-PresenceSync -Once | Out-Null
    }

    It 'makes no Graph write on a second -Once right after the first' {
        'S1', 'S2', 'S3' | ForEach-Object { Set-PresenceAgentState -AgentId $_ -State Inbound }
        $decisions = @(Start-PresenceSync -Once -Verbose 4>&1 | ForEach-Object { "$_" } | Where-Object { $_ -like '*because*' })
        $decisions | Should -HaveCount 3
        $decisions | Should -Contain "Default/S1: SetSession Busy/InACall because ACD state 'Inbound'."
        Get-PresenceWrites | Should -Be 3
        Invoke-Control POST /stats/reset | Out-Null
        @(Start-PresenceSync -Once -Verbose 4>&1 | ForEach-Object { "$_" } | Where-Object { $_ -like '*because*' }) | Should -HaveCount 0
        Get-PresenceWrites | Should -Be 0
        $status = Get-PresenceSyncStatus
        $status | Should -BeOfType ([PresenceSync.Engine.Sync.PresenceSyncStatus])
        $status.Agents | Should -Be 5
        $status.InSync | Should -Be 5
        $status.TeamsWrites | Should -Be 0
        $status.RunningOn | Should -BeNullOrEmpty
    }

    It 'moves the ACD on a Teams meeting only where the guard allows, and takes the ACD''s confirmation as an echo' {
        Set-PresenceAgentState S2 Available
        Set-PresenceAgentState S3 Inbound
        Start-PresenceSync -Once
        foreach ($agent in 2, 3) { Set-TeamsClient $agent Busy InAMeeting }

        $changes = @(Start-PresenceSync -Once | Select-AcdChange)
        $changes | Should -HaveCount 1
        $changes[0] | Should -BeOfType ([PresenceSync.Engine.Sync.PresenceAcdChange])
        $changes[0].AgentId | Should -Be 'S2'
        $changes[0].State | Should -Be 'Meeting'
        $changes[0].PreviousState | Should -Be 'Available'
        (Get-PresenceSyncHistory -AgentId S2 -Last 1).Direction | Should -Be 'ToAcd'
        (Get-PresenceSyncHistory -AgentId S2 -Last 1).EventSource | Should -Be 'Teams'

        (Set-PresenceAgentState -AgentId S2 -State Meeting -PassThru).Status | Should -Be 'Echo'
        Invoke-Control POST /stats/reset | Out-Null
        Start-PresenceSync -Once | Select-AcdChange | Should -BeNullOrEmpty
        Get-PresenceWrites | Should -Be 0
    }

    It 'reports a manual status and does not fight it, and overrides it when the rule says so' {
        Set-PresenceAgentState S4 Inbound
        Start-PresenceSync -Once
        Invoke-Control PUT "/users/$(Get-SyncUpn 4)/preferred" @{ availability = 'Away'; activity = 'Away' } | Out-Null
        Invoke-Control POST /stats/reset | Out-Null

        Start-PresenceSync -Once
        (Get-PresenceSyncStatus).HeldByManualStatus | Should -Be 1
        (Get-PresenceSyncHistory -AgentId S4 -Last 1).Direction | Should -Be 'Manual'
        Get-PresenceWrites | Should -Be 0

        Set-PresenceRule Sync -ManualStatusPolicy Override -ManualOverrideDuration 00:15:00
        Start-PresenceSync -Once
        $shown = Invoke-Control GET "/users/$(Get-SyncUpn 4)/presence"
        $shown.availability | Should -Be 'Busy'
        $shown.preferred.availability | Should -Be 'Busy'
    }

    It 'ignores internal calls, and refuses and records bad events' {
        $result = Set-PresenceAgentState S5 Inbound -CallType Internal -PassThru
        $result | Should -BeOfType ([PresenceSync.Engine.Sync.AcdEventResult])
        $result.Status | Should -Be 'Ignored'
        Start-PresenceSync -Once
        Get-PresenceWrites | Should -Be 0

        $events = @(
            [pscustomobject]@{ AgentId = 'NOPE'; State = 'Inbound' }
            [pscustomobject]@{ Agent = 'S5'; Status = 'Lunch' }
            [pscustomobject]@{ Id = ''; AcdState = 'Inbound'; BusinessUnit = '' }
            [pscustomobject]@{ AgentId = 'S5'; State = '' }
        )
        $events | Set-PresenceAgentState -ErrorVariable bad -ErrorAction SilentlyContinue
        @($bad | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('AgentNotFound', 'UnknownAcdState', 'MissingAgentId', 'MissingAcdState')
        @(Get-PresenceSyncHistory -Direction Refused | ForEach-Object { $_.Result }) | Should -Be @('AgentNotFound', 'UnknownAcdState', 'MissingAgentId', 'MissingAcdState')
        Set-PresenceAgentState S5 Inbound -BusinessUnit NoSuchUnit -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotFound*'
    }

    It 'posts the ACD changes signed to the webhook, and records what the ACD refuses as undeliverable' {
        # A stand-in for the ACD's webhook, in a second runspace: it keeps what it receives and answers 200, or 500 when told to.
        $hook = [hashtable]::Synchronized(@{ Refuse = $false; Received = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new()) })
        $port = Get-FreePort
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $acd = [powershell]::Create([initialsessionstate]::CreateDefault2()).AddScript({
                param($Listener, $Hook)
                while ($Listener.IsListening) {
                    try { $http = $Listener.GetContext() } catch { return }
                    $reader = [System.IO.StreamReader]::new($http.Request.InputStream)
                    $null = $Hook.Received.Add([pscustomobject]@{ Body = $reader.ReadToEnd(); Signature = $http.Request.Headers['X-PresenceSync-Signature']; Timestamp = $http.Request.Headers['X-PresenceSync-Timestamp'] })
                    $http.Response.StatusCode = if ($Hook.Refuse) { 500 } else { 200 }
                    $http.Response.Close()
                }
            }).AddArgument($listener).AddArgument($hook)
        $serving = $acd.BeginInvoke()
        try {
            $webhook = @{ AcdWebhookUrl = "http://127.0.0.1:$port/presence"; AcdWebhookSecret = [System.Net.NetworkCredential]::new('', 'hook-secret').SecurePassword }
            Set-PresenceAgentState S1 Available
            Set-PresenceAgentState S2 Available
            Start-PresenceSync -Once
            Set-TeamsClient 1 Busy InAMeeting
            Start-PresenceSync -Once @webhook | Out-Null

            $hook.Received | Should -HaveCount 1
            $hook.Received[0].Body | Should -BeLike '*"agentId":"S1"*"state":"Meeting"*'
            $hook.Received[0].Signature | Should -Be (Get-Signature 'hook-secret' $hook.Received[0].Timestamp ([System.Text.Encoding]::UTF8.GetBytes($hook.Received[0].Body)))
            (Get-PresenceSyncHistory -AgentId S1 -Direction ToAcd).Result | Should -Be 'OK'
            (Get-PresenceSyncHistory -AgentId S1 -Direction ToAcd).Operation | Should -Be 'webhook'

            $hook.Refuse = $true
            Set-TeamsClient 2 Busy InAMeeting
            Start-PresenceSync -Once @webhook -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
            ($warned -join "`n") | Should -BeLike "*'S2'*"
            (Get-PresenceSyncHistory -AgentId S2 -Direction ToAcd).Result | Should -BeLike 'Undeliverable*'
            $hook.Received | Should -HaveCount 4   # one delivered, then three attempts refused
        }
        finally {
            $listener.Stop()
            $null = $serving.AsyncWaitHandle.WaitOne(5000)
            $acd.Dispose()
            $listener.Close()
        }
    }

    It 'refuses a second sync on the store with the first one named, and Stop-PresenceSync ends the first' {
        Stop-PresenceSync -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncNotRunning*'

        $sync = Start-BackgroundSync @{ Duration = [timespan]'00:00:30' }
        try {
            Wait-Until { (Get-PresenceSyncStatus).RunningOn }
            (Get-PresenceSyncStatus).RunningOn | Should -BeLike "process * on $([Environment]::MachineName)*"
            $refused = $null
            try { Start-PresenceSync -Once } catch { $refused = $_ }
            $refused.FullyQualifiedErrorId | Should -BeLike 'SyncAlreadyRunning*'
            $refused.Exception.Message | Should -BeLike '*process*'

            Stop-PresenceSync
            Wait-Until { $sync.Handle.IsCompleted } 15
        }
        finally { Wait-BackgroundSync $sync }
        (Get-PresenceSyncStatus).RunningOn | Should -BeNullOrEmpty
        Start-PresenceSync -Once | Select-AcdChange | Should -BeNullOrEmpty
    }
}
