# Pester 5. Argument completers offer only values their parameter accepts (TabExpansion2, as the
# console's Tab key asks for them).

Describe 'Completers' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        function Complete([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
        }
        # What Graph accepts (README, "Rule rows"): setPresence and setUserPreferredPresence.
        $script:sessionPairs = 'Available/Available', 'Busy/InACall', 'Busy/InAConferenceCall', 'Away/Away', 'DoNotDisturb/Presenting'
        $script:preferredPairs = 'Available/Available', 'Busy/Busy', 'DoNotDisturb/DoNotDisturb', 'BeRightBack/BeRightBack', 'Away/Away', 'Offline/OffWork'
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'offers for Set-PresenceTeamsPresence -Availability only availabilities the app''s session can take' {
        $offered = Complete 'Set-PresenceTeamsPresence -AgentId 1001 -Availability '
        $offered | Should -Not -BeNullOrEmpty
        foreach ($value in $offered) {
            $value | Should -Not -Match '[/:]|^Clear$' -Because 'the parameter takes an availability, not a rule target'
            @($sessionPairs | Where-Object { $_ -like "$value/*" }) | Should -Not -BeNullOrEmpty -Because "'$value' must be settable"
        }
        @($sessionPairs | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique) | Should -Be @($offered | Sort-Object)
    }

    It 'offers with -Preferred the availabilities of preferred presence' {
        $offered = Complete 'Set-PresenceTeamsPresence -AgentId 1001 -Preferred -Availability '
        @($preferredPairs | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique) | Should -Be @($offered | Sort-Object)
    }

    It 'offers for -Activity the activities that go with the -Availability given' {
        Complete 'Set-PresenceTeamsPresence -AgentId 1001 -Availability Busy -Activity ' | Sort-Object | Should -Be @('InACall', 'InAConferenceCall')
        Complete 'Set-PresenceTeamsPresence -AgentId 1001 -Preferred -Availability Offline -Activity ' | Should -Be @('OffWork')
    }
}
