# Pester 5 (5.1 or later: data-driven -ForEach).
# Import-PresenceAgent, Get-PresenceAgent and Remove-PresenceAgent against a throw-away store.

Describe 'Agents' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $agentsCsv = Join-Path (Join-Path $PSScriptRoot 'TestData') 'agents.csv'

        function Get-ErrorId([object[]] $Records) {
            @($Records | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        }

        function Use-FreshStore {
            Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
        }
    }

    Context 'Importing agents.csv' {
        BeforeAll {
            Use-FreshStore
            $imported = Import-Csv $agentsCsv |
                Import-PresenceAgent -PassThru -ErrorVariable importErrors -ErrorAction SilentlyContinue
        }

        It 'stores every good row and writes it with -PassThru' {
            $imported | Should -HaveCount 10
            @(Get-PresenceAgent) | Should -HaveCount 10
            $imported[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceAgent])
        }

        It 'reports the row without an agent id as MissingAgentId, with the row as target' {
            $missing = @($importErrors | Where-Object { $_.FullyQualifiedErrorId -like 'MissingAgentId*' })
            $missing | Should -HaveCount 1
            $missing[0].TargetObject.Name | Should -Be 'Mallory Ghost'
            $missing[0].CategoryInfo.Category | Should -Be 'InvalidData'
        }

        It 'reports the second row of a duplicate id as DuplicateAgentId and keeps the first' {
            $duplicate = @($importErrors | Where-Object { $_.FullyQualifiedErrorId -like 'DuplicateAgentId*' })
            $duplicate | Should -HaveCount 1
            $duplicate[0].TargetObject.Name | Should -Be 'Alice Andersen (old export)'
            (Get-PresenceAgent -AgentId 1001).Email | Should -Be 'alice.andersen@contoso.com'
        }

        It 'reports nothing else' {
            Get-ErrorId $importErrors | Sort-Object | Should -Be @('DuplicateAgentId', 'MissingAgentId')
        }

        It 'splits a team cell on semicolons' {
            $bob = Get-PresenceAgent -AgentId 1002
            $bob.Teams | Should -HaveCount 2
            $bob.Teams | Should -Contain 'Sales'
            $bob.Teams | Should -Contain 'Support'
        }

        It 'keeps an agent without e-mail address or team' {
            $grace = Get-PresenceAgent -AgentId 1007
            $grace.Email | Should -BeNullOrEmpty
            $grace.Teams | Should -HaveCount 0
        }

        It 'filters by agent id wildcard' {
            @(Get-PresenceAgent -AgentId '100*') | Should -HaveCount 9
            @(Get-PresenceAgent -AgentId '*0') | Should -HaveCount 1
        }

        It 'filters by ACD team, with -AcdTeam as an alias of -Team' {
            (Get-PresenceAgent -Team Sales).AgentId | Should -Be @('1001', '1002', '1008')
            (Get-PresenceAgent -AcdTeam 'Supp*').AgentId | Should -Be @('1002', '1003', '1009', '1010')
        }

        It 'reports an exact agent id that does not exist as AgentNotFound' {
            $found = Get-PresenceAgent -AgentId 4711 -ErrorVariable err -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentNotFound*'
        }

        It 'returns nothing, without an error, for a wildcard that matches nothing' {
            $found = Get-PresenceAgent -AgentId '99*' -ErrorVariable err -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $err | Should -HaveCount 0
        }
    }

    Context 'Updating agents' {
        BeforeEach {
            Use-FreshStore
            Import-Csv $agentsCsv | Import-PresenceAgent -ErrorAction SilentlyContinue
        }

        It 'updates a known agent instead of adding it again' {
            $before = Get-PresenceAgent -AgentId 1001
            Import-PresenceAgent -AgentId 1001 -Name 'Alice A. Andersen' -Email 'alice.andersen@contoso.com' -Team 'Sales;Billing'
            $after = Get-PresenceAgent -AgentId 1001
            @(Get-PresenceAgent) | Should -HaveCount 10
            $after.Name | Should -Be 'Alice A. Andersen'
            $after.Teams | Should -Contain 'Billing'
            $after.CreatedUtc | Should -Be $before.CreatedUtc
        }

        It 'matches agent ids without regard to case' {
            Import-PresenceAgent -AgentId 'a-77' -Name 'Lower'
            Import-PresenceAgent -AgentId 'A-77' -Name 'Upper'
            @(Get-PresenceAgent -AgentId 'a-77') | Should -HaveCount 1
            (Get-PresenceAgent -AgentId 'a-77').Name | Should -Be 'Upper'
        }

        It 'binds objects with aliased property names, as an ACD export gives them' {
            $export = [pscustomobject]@{ AgentNumber = '2001'; FullName = 'Nora Diaz'; EmailAddress = 'nora.diaz@contoso.com'; Skill = 'Sales,Chat' }
            $agent = $export | Import-PresenceAgent -PassThru
            $agent.AgentId | Should -Be '2001'
            $agent.Name | Should -Be 'Nora Diaz'
            $agent.Email | Should -Be 'nora.diaz@contoso.com'
            $agent.Teams | Should -HaveCount 2
            $agent.Teams | Should -Contain 'Chat'
        }

        It 'refuses an e-mail value that is not an address' {
            Import-PresenceAgent -AgentId 3001 -Email 'not an address' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAgentEmail*'
            Get-PresenceAgent -AgentId 3001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'reports an unknown business unit' {
            Get-PresenceAgent -BusinessUnit 'NoSuchUnit' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotFound*'
        }
    }

    Context 'Partial updates, business units per row and wildcard sets' {
        BeforeEach {
            Use-FreshStore
        }

        It 'keeps a property the row leaves out and clears one that is empty' {
            Import-PresenceAgent -AgentId 5001 -Name 'Kim Lee' -Email 'kim.lee@contoso.com' -Extension 5001 -Team 'Sales;Support'
            Import-PresenceAgent -AgentId 5001 -Name 'Kim A. Lee'
            $kim = Get-PresenceAgent -AgentId 5001
            $kim.Name | Should -Be 'Kim A. Lee'
            $kim.Email | Should -Be 'kim.lee@contoso.com'
            $kim.Teams | Should -HaveCount 2
            [pscustomobject]@{ AgentId = '5001'; Email = ''; Team = '' } | Import-PresenceAgent
            $kim = Get-PresenceAgent -AgentId 5001
            $kim.Email | Should -BeNullOrEmpty
            $kim.Teams | Should -HaveCount 0
            $kim.Extension | Should -Be '5001'
            $kim.Name | Should -Be 'Kim A. Lee'
        }

        It 'imports each row into the business unit it names, and fails only the rows of a unit that does not exist' {
            New-PresenceBusinessUnit -Name Contoso | Out-Null
            $rows = @(
                [pscustomobject]@{ AgentId = '7001'; BusinessUnit = 'Contoso' }
                [pscustomobject]@{ AgentId = '7002'; BusinessUnit = 'Nowhere' }
                [pscustomobject]@{ AgentId = '7001' }
            )
            $rows | Import-PresenceAgent -ErrorVariable err -ErrorAction SilentlyContinue
            Get-ErrorId $err | Should -Be @('BusinessUnitNotFound')
            (Get-PresenceAgent -BusinessUnit Contoso).AgentId | Should -Be '7001'
            (Get-PresenceAgent).AgentId | Should -Be '7001'
        }

        It 'lets -BusinessUnit on the command line win over the rows' {
            New-PresenceBusinessUnit -Name Contoso | Out-Null
            [pscustomobject]@{ AgentId = '7003'; BusinessUnit = 'Default' } | Import-PresenceAgent -BusinessUnit Contoso
            (Get-PresenceAgent -BusinessUnit Contoso).AgentId | Should -Be '7003'
            Get-PresenceAgent | Should -BeNullOrEmpty
        }

        It 'filters agent ids with * and ?, and takes [ and ] literally (issue 14)' {
            'A1', 'A2', 'A3', 'B1', 'A[1]' | ForEach-Object { Import-PresenceAgent -AgentId $_ }
            (Get-PresenceAgent -AgentId '?1').AgentId | Should -Be @('A1', 'B1')
            (Get-PresenceAgent -AgentId 'a[1]').AgentId | Should -Be 'A[1]'
            Get-PresenceAgent -AgentId 'a[1]' | Remove-PresenceAgent -Confirm:$false
            (Get-PresenceAgent).AgentId | Should -Be @('A1', 'A2', 'A3', 'B1')
            Get-PresenceAgent -AgentId 'C*' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err | Should -HaveCount 0
        }
    }

    Context 'Removing agents' {
        BeforeEach {
            Use-FreshStore
            Import-Csv $agentsCsv | Import-PresenceAgent -ErrorAction SilentlyContinue
            Import-Csv (Join-Path (Join-Path $PSScriptRoot 'TestData') 'directory.csv') |
                Import-PresenceTeamsUser -ErrorAction SilentlyContinue
            Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall'
            Add-PresenceRuleAssignment -Rule Inbound -AgentId 1001
            Add-PresenceRuleAssignment -Rule Inbound -AcdTeam Sales
        }

        It 'removes the agent with its mapping and its own rule assignment, but not its team''s' {
            Remove-PresenceAgent -AgentId 1001
            Get-PresenceAgent -AgentId 1001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Get-PresenceUserMapping -AgentId 1001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            @(Get-PresenceRuleAssignment -Scope Agent) | Should -HaveCount 0
            @(Get-PresenceRuleAssignment -Scope Team) | Should -HaveCount 1
            Get-PresenceTeamsUser -UserPrincipalName 'alice.andersen@contoso.com' | Should -Not -BeNullOrEmpty
        }

        It 'removes agents piped from Get-PresenceAgent' {
            Get-PresenceAgent -Team Reception | Remove-PresenceAgent
            @(Get-PresenceAgent) | Should -HaveCount 7
        }

        It 'reports an agent that does not exist as AgentNotFound' {
            Remove-PresenceAgent -AgentId 4711 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentNotFound*'
        }
    }
}
