# Pester 5. Get-PresenceAgentState shows what the sync holds per agent, as a console shows it.

Describe 'Get-PresenceAgentState' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        Import-Csv (Join-Path $PSScriptRoot 'TestData/agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
        New-PresenceRule -Name Calls -Row 'Inbound => Busy/InACall', 'Available <=> Available/Available' | Out-Null
        Set-PresenceAgentState -AgentId 1001 -State Inbound -Reason Queue7 -CallType Inbound -Time '2026-12-02T18:24:00Z'
        Set-PresenceAgentState -AgentId 1002 -State Available
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'returns the ACD state, reason, call type and time the sync holds' {
        $state = Get-PresenceAgentState -AgentId 1001
        $state | Should -BeOfType ([PresenceSync.Engine.Sync.PresenceAgentState])
        $state.AcdState | Should -Be 'Inbound'
        $state.Reason | Should -Be 'Queue7'
        $state.CallType | Should -Be 'Inbound'
        $state.AcdStateUtc | Should -Be ([DateTime]::SpecifyKind([DateTime]'2026-12-02T18:24:00', 'Utc'))
        $state.BusinessUnit | Should -Be 'Default'
        $state.TeamsPresence | Should -BeNullOrEmpty   # nothing written yet: no sync has run
    }

    It 'takes wildcards, pipeline input from agents, and reports an unknown literal id' {
        (Get-PresenceAgentState -AgentId 100*).AgentId | Should -Be @('1001', '1002')
        (Get-PresenceAgent -AgentId 1002 | Get-PresenceAgentState).AcdState | Should -Be 'Available'
        Get-PresenceAgentState -AgentId 1009 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentNotFound*'
        Get-PresenceAgentState -AgentId '10*' -LiteralAgentId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'shows a table whose labels are property names, times in UTC with Z, within 120 columns' {
        $text = Get-PresenceAgentState | Out-String -Width 120
        $lines = $text -split '\r?\n'
        $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
        $header = $lines | Where-Object { $_ -match '^AgentId\s' } | Select-Object -First 1
        $labels = -split $header
        $properties = [PresenceSync.Engine.Sync.PresenceAgentState].GetProperties().Name
        foreach ($label in $labels) { $properties | Should -Contain $label }
        $labels | Should -Contain 'TeamsPresenceWrittenUtc'
        $text | Should -Match '2026-12-02 18:24:00Z'
    }

    It 'completes -AgentId with agent ids' {
        $line = 'Get-PresenceAgentState -AgentId 100'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain '1001'
    }
}
