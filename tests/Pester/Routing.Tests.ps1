# Pester 5 (5.1 or later). Routing decisions from Teams presence (issue 10): policies, services, assignments and
# the "why" in the store, and the decisions against the PresenceSync Graph emulator started as a process of its own
# ('dotnet run' builds it first). The workflows of tests/PresenceSync.Module.Tests/RoutingTests.cs and
# RoutingDecisionTests.cs. Teams in agents.csv: Sales = 1001, 1002, 1008; Support = 1002, 1003, 1009, 1010.

BeforeDiscovery {
    $canRun = $PSVersionTable.PSEdition -eq 'Core' -and [bool](Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'Routing policies, services and assignments' {
    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        $agentsCsv = Join-Path (Join-Path $PSScriptRoot 'TestData') 'agents.csv'
    }

    BeforeEach {
        Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
        Import-Csv $agentsCsv | Import-PresenceAgent -ErrorAction SilentlyContinue
        New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available => Route', 'Busy => Route' `
            -Default DoNotRoute -AcdContactState Inbound, Outbound | Out-Null
    }

    It 'stores the rows in order and gives them back as text' {
        $policy = Get-PresenceRoutingPolicy Nimbus
        $policy | Should -BeOfType ([PresenceSync.Engine.Routing.PresenceRoutingPolicy])
        @($policy.Rows | ForEach-Object { $_.ToString() }) | Should -Be @('Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available/* => Route', 'Busy/* => Route')
        $policy.Default | Should -Be 'DoNotRoute'
    }

    It 'refuses a row that an earlier row hides, with a stable error id' {
        New-PresenceRoutingPolicy -Name Bad -Row 'Busy => Route', 'Busy/InACall => DoNotRoute' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConflictingRoutingRows*'
        Get-PresenceRoutingPolicy Bad* | Should -BeNullOrEmpty
    }

    It 'changes a policy with Set-PresenceRoutingPolicy and validates again' {
        Set-PresenceRoutingPolicy Nimbus -WhenStale Fallback -MaxTeamsAge 00:05:00 -PassThru | ForEach-Object WhenStale | Should -Be 'Fallback'
        @((Get-PresenceRoutingPolicy Nimbus).FallbackRows | ForEach-Object { $_.ToString() }) | Should -Be @('Available/Available => Route')
        Set-PresenceRoutingPolicy Nimbus -Row 'Away/Zz => Route' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTeamsState*'
    }

    It 'gives an agent''s own assignment precedence over its teams, and says why' {
        New-PresenceRoutingPolicy -Name Loose -Default Route | Out-Null
        New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null
        Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Sales | Out-Null
        Add-PresenceRoutingAssignment -Service Hotline -AgentId 1001 -Policy Loose | Out-Null
        (Get-PresenceEffectiveRoutingPolicy 1001 Hotline).Policy | Should -Be 'Loose'
        (Get-PresenceEffectiveRoutingPolicy 1008 Hotline).AssignedVia | Should -Be 'Sales'
        (Get-PresenceEffectiveRoutingPolicy 1003 Hotline).Member | Should -BeFalse
        @(Get-PresenceRoutingAssignment Hotline).Count | Should -Be 2
        Get-PresenceRoutingAssignment -AgentId 1001 | Remove-PresenceRoutingAssignment -Confirm:$false
        (Get-PresenceEffectiveRoutingPolicy 1001 Hotline).Policy | Should -Be 'Nimbus'
    }

    It 'keeps used policies and services unless forced, and -WhatIf changes nothing' {
        New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null
        Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Support | Out-Null
        Remove-PresenceRoutingPolicy Nimbus -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RoutingPolicyInUse*'
        Remove-PresenceRoutingService Hotline -Force -WhatIf
        Set-PresenceRoutingService Hotline -NewName Other -WhatIf
        Get-PresenceRoutingService Hotline | Should -Not -BeNullOrEmpty
        Remove-PresenceRoutingService Hotline -Force -Confirm:$false
        Get-PresenceRoutingAssignment | Should -BeNullOrEmpty
        Remove-PresenceRoutingPolicy Nimbus -Confirm:$false
        Get-PresenceRoutingPolicy | Should -BeNullOrEmpty
    }

    It 'decides nobody routable before Teams has been read, and says why' {
        New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null
        Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Sales | Out-Null
        $decisions = @(Get-PresenceRoutingDecision -Service Hotline)
        $decisions.Count | Should -Be 3
        $decisions | ForEach-Object { $_.Routable | Should -BeFalse; $_.DecidedBy | Should -Be 'NotMapped' }
        Get-PresenceRoutingDecision Hotline -Routable | Should -BeNullOrEmpty
    }
}

Describe 'Routing decisions against the emulator' -Skip:(-not $canRun) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Sync.Helpers.ps1')
        Import-Module $syncModulePath -Force
        $emulator = Start-SyncEmulator
        $connection = $emulator.Connection
        $savedSecret = [Environment]::GetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT')
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $connection.clientSecret)
        $block = 0
        Initialize-SyncStore -Path (Join-Path $TestDrive 'routing.db') -Agents 4
        New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available => Route', 'Busy => Route' `
            -Default DoNotRoute -AcdContactState Inbound | Out-Null
        New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null
        1..4 | ForEach-Object { Add-PresenceRoutingAssignment -Service Hotline -AgentId "S$_" } | Out-Null
        Set-TeamsClient 1 Available Available
        Set-TeamsClient 2 Busy InACall
        Set-TeamsClient 3 Available Available
        Invoke-Control PUT "/users/$(Get-SyncUpn 3)/preferred" @{ availability = 'Busy'; activity = 'Busy' } | Out-Null
        Set-TeamsClient 4 Away Away
    }

    AfterAll {
        Invoke-Control DELETE /faults | Out-Null
        [Environment]::SetEnvironmentVariable('PRESENCESYNC_CLIENT_SECRET_DEFAULT', $savedSecret)
        Stop-SyncEmulator $emulator
    }

    It 'routes a manual Busy but not an active call, from a Teams read made now' {
        $d = @{}
        Get-PresenceRoutingDecision Hotline -Refresh | ForEach-Object { $d[$_.AgentId] = $_ }
        $d['S1'].Routable | Should -BeTrue
        $d['S2'].Routable | Should -BeFalse
        $d['S2'].DecidedBy | Should -Be 'Busy/InACall => DoNotRoute'
        $d['S3'].Routable | Should -BeTrue
        $d['S3'].Teams | Should -Be 'Busy/Busy'
        $d['S4'].DecidedBy | Should -Be 'Default'
    }

    It 'decides from what a sync stored' {
        Start-PresenceSync -Once | Out-Null
        @(Get-PresenceRoutingDecision Hotline -Routable | ForEach-Object AgentId | Sort-Object) | Should -Be @('S1', 'S3')
    }

    It 'follows the fallback when Teams reads fail, and says so' {
        Set-PresenceRoutingPolicy Nimbus -WhenStale Fallback
        Invoke-Control POST /faults @{ kind = 'serverError'; pathContains = 'getPresencesByUserId'; status = 403 } | Out-Null
        $d = @{}
        Get-PresenceRoutingDecision Hotline -Refresh -WarningAction SilentlyContinue | ForEach-Object { $d[$_.AgentId] = $_ }
        Invoke-Control DELETE /faults | Out-Null
        $d.Values | ForEach-Object { $_.Stale | Should -BeTrue; $_.StaleHandling | Should -Be 'Fallback' }
        $d['S1'].Routable | Should -BeTrue
        $d['S3'].Routable | Should -BeFalse
    }
}
