# Pester 5 (5.1 or later). The long-running sync: the signed event endpoint, $batch writes under throttling, a sync
# killed mid-run, and many random events; against the PresenceSync Graph emulator started as a process of its own:
# the workflows of tests/PresenceSync.Module.Tests/SyncRunTests.cs. Needs PowerShell 7 and the .NET SDK; skipped
# without them.

BeforeDiscovery {
    $canRun = $PSVersionTable.PSEdition -eq 'Core' -and [bool](Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'The long-running sync' -Skip:(-not $canRun) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Sync.Helpers.ps1')
        Import-Module $syncModulePath -Force
        $emulator = Start-SyncEmulator
        $connection = $emulator.Connection
        $savedSecret = [Environment]::GetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT')
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $connection.clientSecret)
        $blocks = @{ Next = 0 }
        $eventSecret = 'acd-shared-secret'

        # POSTs a body to the event endpoint as an ACD would, signed with -Secret (unsigned when empty): the status code
        # and the JSON answer, or status 0 while the endpoint is not listening yet.
        function Send-AcdEvent([string] $Body, [string] $Secret = $eventSecret) {
            $bytes = [System.Text.Encoding]::UTF8.GetBytes($Body)
            $headers = @{}
            if ($Secret) { $headers = Get-SignedHeaders $Secret $bytes }
            try {
                $answer = Invoke-RestMethod -Method Post -Uri "http://127.0.0.1:$port/events" -Body $bytes -ContentType 'application/json' `
                    -Headers $headers -SkipHttpErrorCheck -StatusCodeVariable status
                [pscustomobject]@{ Status = $status; Answer = $answer }
            }
            catch { [pscustomobject]@{ Status = 0; Answer = $null } }
        }
    }

    AfterAll {
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $savedSecret)
        Stop-SyncEmulator $emulator
    }

    BeforeEach {
        $block = $blocks.Next
        $blocks.Next += 20
        $store = Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N'))
        Initialize-SyncStore -Path $store -Agents 20
    }

    It 'shows a signed HTTP event in Teams within one pacing interval, and answers bad requests with 401, 400 and 422' {
        $port = Get-FreePort
        $sync = Start-BackgroundSync @{
            Duration = [timespan]'00:00:30'
            EventPort = $port; EventSecret = [System.Net.NetworkCredential]::new('', $eventSecret).SecurePassword
        }
        try {
            Wait-Until { (Send-AcdEvent '[]').Status -ne 0 }
            Wait-Until { (Get-PresenceSyncStatus).LastPassUtc }   # the first pass, which reads every agent's presence, is done
            $sent = [System.Diagnostics.Stopwatch]::StartNew()
            (Send-AcdEvent '{"agentId":"S1","state":"Inbound","callType":"Inbound"}').Status | Should -Be 202
            Wait-Until { (Get-Shown 1) -eq 'Busy/InACall' } 10
            # One pacing interval (1 s) plus the pass itself; generous for a loaded machine.
            $sent.Elapsed.TotalSeconds | Should -BeLessThan 4

            (Send-AcdEvent '{"agentId":"S1","state":"Available"}' -Secret 'wrong').Status | Should -Be 401
            (Send-AcdEvent '{"agentId":"S1","state":"Available"}' -Secret '').Status | Should -Be 401
            (Send-AcdEvent '{not json').Status | Should -Be 400
            $refused = Send-AcdEvent '[{"agentId":"NOPE","state":"Inbound"},{"agentId":"S2","state":"Lunch"}]'
            $refused.Status | Should -Be 422
            @($refused.Answer.results | ForEach-Object { $_.errorId }) | Should -Be @('AgentNotFound', 'UnknownAcdState')
            (Send-AcdEvent '{"agentId":"S1","state":"Available","time":"2099-01-01T00:00:00Z"}').Answer.results[0].errorId | Should -Be 'EventTimeInFuture'
            # Issue 14: a bidi override, a zero-width space or NUL in an id fails only its own event.
            $keys = Send-AcdEvent '[{"agentId":"S\u202e1","state":"Inbound"},{"agentId":"S\u200b1","state":"Inbound"},{"agentId":"S\u00001","state":"Inbound"},{"agentId":"s2","state":"Available"}]'
            @($keys.Answer.results | ForEach-Object { $_.errorId }) | Should -Be @('InvalidAgentId', 'InvalidAgentId', 'InvalidAgentId', $null)
            $keys.Answer.results[3].status | Should -Be 'Accepted'
            $now = [DateTime]::UtcNow.ToString('o')
            $accepted = Send-AcdEvent ('{"agentId":"S1","state":"Available","time":"' + $now + '","businessUnit":"Default"}')
            $accepted.Status | Should -Be 202
            $accepted.Answer.results[0].status | Should -Be 'Accepted'
            Wait-Until { (Get-AppSessionCount 1) -eq 0 } 10   # 'Available => Clear'
        }
        finally {
            Stop-PresenceSync -ErrorAction SilentlyContinue
            Wait-BackgroundSync $sync
        }
        @(Get-PresenceSyncHistory -Direction Refused | ForEach-Object { $_.Result }) |
            Should -Be @('InvalidEventSignature', 'MalformedEvent', 'AgentNotFound', 'UnknownAcdState', 'EventTimeInFuture', 'InvalidAgentId', 'InvalidAgentId', 'InvalidAgentId')
        @(Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams | ForEach-Object { $_.EventSource }) | Should -Be @('Http', 'Http')
    }

    It 'refuses an endpoint without a secret before it starts' {
        $refused = $null
        try { Start-PresenceSync -EventPort (Get-FreePort) } catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'InvalidEventSignature*'
        (Get-PresenceSyncStatus).RunningOn | Should -BeNullOrEmpty
    }

    It 'shares $batch requests between the writes, and retries items throttled inside a batch' {
        Invoke-Control POST /stats/reset | Out-Null
        Invoke-Control POST /faults @{ kind = 'throttle'; pathContains = 'setPresence'; count = 3; retryAfterSeconds = 1 } | Out-Null
        1..20 | ForEach-Object { [pscustomobject]@{ AgentId = "S$_"; State = 'Inbound' } } | Set-PresenceAgentState
        Start-PresenceSync -Once

        $stats = Invoke-Control GET /stats
        $stats.presenceWrites | Should -Be 20
        $stats.throttled | Should -Be 3
        $stats.byEndpoint.'POST /$batch' | Should -BeIn (2..6)   # 20 writes in batches of 20, plus the retries
        foreach ($agent in 1..20) { Get-Shown $agent | Should -Be 'Busy/InACall' }
        $status = Get-PresenceSyncStatus -BusinessUnit Default
        $status.InSync | Should -Be 20
        $status.TeamsWrites | Should -Be 20
    }

    It 'recovers the lock of a sync killed mid-run with -Once, and converges with nothing lost' {
        1..20 | ForEach-Object { Set-PresenceAgentState -AgentId "S$_" -State Inbound }
        $process = Start-SyncProcess '-Duration 00:02:00'
        try {
            Wait-Until { (Get-PresenceSyncStatus).RunningOn } 60
            # Slow the writes down, so that the kill lands while a pass has announced its writes and sent them.
            Invoke-Control POST /faults @{ kind = 'latency'; pathContains = '$batch'; latencyMs = 4000 } | Out-Null
            1..20 | ForEach-Object { Set-PresenceAgentState -AgentId "S$_" -State Idle }
            Start-Sleep -Milliseconds 2500
        }
        finally {
            $process.Kill($true)
            $process.WaitForExit()
            $process.Dispose()
            Invoke-Control DELETE /faults | Out-Null
        }
        Start-PresenceSync -Once -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        ($warned -join "`n") | Should -BeLike '*Recovered the lock*'
        foreach ($agent in 1..20) { Get-Shown $agent | Should -Be 'Away/Away' }
        $status = Get-PresenceSyncStatus
        $status.InSync | Should -Be 20
        $status.PendingWrites | Should -Be 0
    }

    It 'causes no ping-pong under random events, and traces every write back to its source event' {
        $random = [System.Random]::new(42)
        $states = 'Inbound', 'Outbound', 'Conference', 'LoggedOut', 'Available', 'Idle'
        $teams = @('Busy', 'InAMeeting'), @('Available', 'Available'), @('Away', 'Away'), @('DoNotDisturb', 'Presenting'), @('Busy', 'InACall')
        for ($round = 0; $round -lt 5; $round++) {
            $events = foreach ($i in 1..100) {
                [pscustomobject]@{
                    AgentId  = 'S{0}' -f $random.Next(1, 21)
                    State    = $states[$random.Next($states.Count)]
                    CallType = if ($random.Next(5) -eq 0) { 'Internal' } else { 'Inbound' }
                }
            }
            $events | Set-PresenceAgentState
            for ($i = 0; $i -lt 5; $i++) {
                $pair = $teams[$random.Next($teams.Count)]
                Set-TeamsClient $random.Next(1, 21) $pair[0] $pair[1] mobile
            }
            Start-PresenceSync -Once | Out-Null
        }

        $history = @(Get-PresenceSyncHistory)
        $toTeams = @($history | Where-Object { $_.Direction -eq 'ToTeams' })
        $toTeams | Should -Not -BeNullOrEmpty
        @($toTeams | Where-Object { $_.EventSource -ne 'Pipeline' }) | Should -HaveCount 0
        @($history | Where-Object { $_.Direction -eq 'ToAcd' -and $_.EventSource -ne 'Teams' }) | Should -HaveCount 0

        # Settled: with nothing new, further passes change nothing on either side.
        Invoke-Control POST /stats/reset | Out-Null
        @(Start-PresenceSync -Once; Start-PresenceSync -Once) | Select-AcdChange | Should -HaveCount 0
        Get-PresenceWrites | Should -Be 0
    }
}
