# Pester 5 (5.1 or later: data-driven -ForEach).
# Rule assignments and the effective rule: Agent beats Team (lowest Priority) beats the unit Default.
# Teams in agents.csv: Sales = 1001, 1002, 1008; Support = 1002, 1003, 1009, 1010; Reception = 1004-1006; 1007 none.

Describe 'Rule assignments' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $agentsCsv = Join-Path (Join-Path $PSScriptRoot 'TestData') 'agents.csv'
    }

    BeforeEach {
        Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
        Import-Csv $agentsCsv | Import-PresenceAgent -ErrorAction SilentlyContinue
        'Standard', 'SalesRule', 'SupportRule', 'Vip' | ForEach-Object {
            New-PresenceRule -Name $_ -Row 'Inbound => Busy/InACall' | Out-Null
        }
    }

    Context 'Precedence' {
        BeforeEach {
            Add-PresenceRuleAssignment -Rule Standard -Default | Out-Null
            Add-PresenceRuleAssignment -Rule SupportRule -AcdTeam Support -Priority 10 | Out-Null
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales -Priority 20 | Out-Null
            Add-PresenceRuleAssignment -Rule Vip -AgentId 1001 | Out-Null
            $effective = @{}
            Get-PresenceAgent | Get-PresenceEffectiveRule | ForEach-Object { $effective[$_.AgentId] = $_ }
        }

        It 'gives every agent an effective rule' {
            $effective.Count | Should -Be 10
            $effective['1001'] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceEffectiveRule])
        }

        It 'lets an agent''s own assignment beat its team''s' {
            $effective['1001'].Rule | Should -Be 'Vip'
            $effective['1001'].Scope | Should -Be 'Agent'
        }

        It 'lets the team assignment with the lowest priority win' {
            $effective['1002'].Rule | Should -Be 'SupportRule'
            $effective['1002'].Scope | Should -Be 'Team'
            $effective['1002'].AssignedVia | Should -Be 'Support'
            $effective['1008'].Rule | Should -Be 'SalesRule'
        }

        It 'falls back to the unit default' {
            $effective['1007'].Rule | Should -Be 'Standard'
            $effective['1007'].Scope | Should -Be 'Default'
            $effective['1004'].Rule | Should -Be 'Standard'
        }

        It 'reports two team rules tied on priority as ambiguous and applies neither' {
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales -Priority 10 -Force | Out-Null
            $tie = Get-PresenceEffectiveRule -AgentId 1002
            $tie.Rule | Should -BeNullOrEmpty
            $tie.Reason | Should -BeLike 'Ambiguous*'
            (Get-PresenceEffectiveRule -AgentId 1008).Rule | Should -Be 'SalesRule'
        }

        It 'falls back when assignments are removed' {
            Remove-PresenceRuleAssignment -AgentId 1001
            (Get-PresenceEffectiveRule -AgentId 1001).Rule | Should -Be 'SalesRule'
            Remove-PresenceRuleAssignment -AcdTeam Sales
            (Get-PresenceEffectiveRule -AgentId 1001).Rule | Should -Be 'Standard'
            Remove-PresenceRuleAssignment -Default
            $none = Get-PresenceEffectiveRule -AgentId 1001
            $none.Rule | Should -BeNullOrEmpty
            $none.Reason | Should -BeLike 'No rule*'
        }

        It 'takes agent ids by value' {
            $result = '1001', '1007' | Get-PresenceEffectiveRule
            $result.Rule | Should -Be @('Vip', 'Standard')
        }
    }

    Context 'Adding and removing assignments' {
        It 'assigns a rule to each agent piped from Get-PresenceAgent -Team' {
            $made = Get-PresenceAgent -Team Sales | Add-PresenceRuleAssignment -Rule SalesRule
            $made | Should -HaveCount 3
            $made[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceRuleAssignment])
            @($made | Where-Object Scope -ne 'Agent') | Should -HaveCount 0
            (Get-PresenceRuleAssignment -Scope Agent).AgentId | Should -Be @('1001', '1002', '1008')
        }

        It 'refuses a second assignment for the same subject without -Force' {
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales | Out-Null
            Add-PresenceRuleAssignment -Rule Vip -AcdTeam Sales -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AssignmentExists*'
            (Get-PresenceRuleAssignment -AcdTeam Sales).Rule | Should -Be 'SalesRule'
            $replaced = Add-PresenceRuleAssignment -Rule Vip -AcdTeam Sales -Priority 5 -Force
            $replaced.Rule | Should -Be 'Vip'
            $replaced.Priority | Should -Be 5
            @(Get-PresenceRuleAssignment) | Should -HaveCount 1
        }

        It 'reports unknown rules and agents' {
            Add-PresenceRuleAssignment -Rule NoSuchRule -Default -ErrorVariable e1 -ErrorAction SilentlyContinue
            Add-PresenceRuleAssignment -Rule Vip -AgentId 4711 -ErrorVariable e2 -ErrorAction SilentlyContinue
            $e1[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound*'
            $e2[0].FullyQualifiedErrorId | Should -BeLike 'AgentNotFound*'
            Get-PresenceRuleAssignment | Should -BeNullOrEmpty
        }

        It 'warns, but assigns, for a team no agent is in yet' {
            $made = Add-PresenceRuleAssignment -Rule Vip -AcdTeam 'Night shift' -WarningVariable warn -WarningAction SilentlyContinue
            $made.AcdTeam | Should -Be 'Night shift'
            $warn | Should -HaveCount 1
        }

        It 'filters assignments by rule, scope, agent and team' {
            Add-PresenceRuleAssignment -Rule Standard -Default | Out-Null
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales | Out-Null
            Add-PresenceRuleAssignment -Rule Vip -AgentId 1001 | Out-Null
            (Get-PresenceRuleAssignment -Rule 'S*').Rule | Sort-Object | Should -Be @('SalesRule', 'Standard')
            (Get-PresenceRuleAssignment -Scope Default).Rule | Should -Be 'Standard'
            (Get-PresenceRuleAssignment -AgentId 1001).Rule | Should -Be 'Vip'
            (Get-PresenceRuleAssignment -AcdTeam 'Sal*').Rule | Should -Be 'SalesRule'
            (Get-PresenceRule -Name Vip | Get-PresenceRuleAssignment).AgentId | Should -Be '1001'
        }

        It 'removes assignments piped from Get-PresenceRuleAssignment' {
            Add-PresenceRuleAssignment -Rule Standard -Default | Out-Null
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales | Out-Null
            Get-PresenceRuleAssignment -Rule SalesRule | Remove-PresenceRuleAssignment
            (Get-PresenceRuleAssignment).Rule | Should -Be 'Standard'
        }

        It 'takes -Team for -AcdTeam and -Id for -AgentId' {
            (Add-PresenceRuleAssignment -Rule SalesRule -Team Sales).AcdTeam | Should -Be 'Sales'
            (Add-PresenceRuleAssignment -Rule Vip -Id 1001).AgentId | Should -Be '1001'
            (Get-PresenceRuleAssignment -Team 'Sal*').Rule | Should -Be 'SalesRule'
            Remove-PresenceRuleAssignment -Team Sales
            Remove-PresenceRuleAssignment -Id 1001
            Get-PresenceRuleAssignment | Should -BeNullOrEmpty
        }

        It 'lists agent and team assignments together when -AgentId and -AcdTeam are both given' {
            Add-PresenceRuleAssignment -Rule Standard -Default | Out-Null
            Add-PresenceRuleAssignment -Rule SupportRule -AcdTeam Support | Out-Null
            Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales | Out-Null
            Add-PresenceRuleAssignment -Rule Vip -AgentId 1002 | Out-Null
            (Get-PresenceRuleAssignment -AgentId 1002 -AcdTeam 'S[u]*').Rule | Should -Be @('Vip', 'SupportRule')
            (Get-PresenceRuleAssignment -AgentId 1002 -AcdTeam 'S*' -Scope Team).Rule | Sort-Object | Should -Be @('SalesRule', 'SupportRule')
        }

        It 'refuses an agent id or team name that is only white space with MissingAssignmentSubject' {
            Add-PresenceRuleAssignment -Rule Vip -AgentId ' ' -ErrorVariable e1 -ErrorAction SilentlyContinue
            Add-PresenceRuleAssignment -Rule Vip -AcdTeam ' ' -ErrorVariable e2 -ErrorAction SilentlyContinue
            $e1[0].FullyQualifiedErrorId | Should -BeLike 'MissingAssignmentSubject*'
            $e2[0].FullyQualifiedErrorId | Should -BeLike 'MissingAssignmentSubject*'
            Get-PresenceRuleAssignment | Should -BeNullOrEmpty
        }

        It 'reports removing an assignment that does not exist as AssignmentNotFound' {
            Remove-PresenceRuleAssignment -AcdTeam Sales -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AssignmentNotFound*'
        }
    }
}
