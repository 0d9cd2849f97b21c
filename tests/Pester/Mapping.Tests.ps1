# Pester 5 (5.1 or later: data-driven -ForEach).
# Auto-mapping and manual mapping of agents to Teams users, from the CSV files in TestData.
#
# What the files hold, and so what auto-mapping must do:
#   1001 alice.andersen@contoso.com   matches a UPN                        -> mapped on UserPrincipalName
#   1002 bob.smith@contoso.com        matches the mail of bsmith@...       -> mapped on Mail
#   1003 carol.jones@fabrikam.com     matches an smtp: proxy of Carol      -> mapped on ProxyAddress
#   1004 reception@contoso.com        is Dan's proxy and Lobby's mail      -> AmbiguousTeamsUserMatch, not mapped
#   1005/1006 frontdesk@contoso.com   two agents for one Teams user        -> AmbiguousAgentMatch twice, neither mapped
#   1007 (no e-mail), 1008 (no match), 1009 (disabled account)            -> warnings, not mapped
#   1010 judy.baker@contoso.com       matches a UPN                        -> mapped on UserPrincipalName

Describe 'Mappings' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $data = Join-Path $PSScriptRoot 'TestData'

        function Initialize-Store {
            Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
            Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
            Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -ErrorAction SilentlyContinue
        }

        function Get-MappingTable {
            @(Get-PresenceUserMapping | ForEach-Object { '{0}={1}/{2}' -f $_.AgentId, $_.TeamsUserId, $_.Source }) -join ';'
        }
    }

    Context 'Add-PresenceUserMapping -Auto' {
        BeforeAll {
            Initialize-Store
            $made = Add-PresenceUserMapping -Auto -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        }

        It 'maps exactly the unambiguous agents' {
            ($made.AgentId | Sort-Object) | Should -Be @('1001', '1002', '1003', '1010')
            @(Get-PresenceUserMapping) | Should -HaveCount 4
            $made[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceUserMapping])
        }

        It 'maps by UPN' {
            $m = Get-PresenceUserMapping -AgentId 1001
            $m.UserPrincipalName | Should -Be 'alice.andersen@contoso.com'
            $m.MatchedOn | Should -Be 'UserPrincipalName'
            $m.Source | Should -Be 'Auto'
        }

        It 'maps by mail address' {
            $m = Get-PresenceUserMapping -AgentId 1002
            $m.UserPrincipalName | Should -Be 'bsmith@contoso.onmicrosoft.com'
            $m.MatchedOn | Should -Be 'Mail'
        }

        It 'maps by smtp proxy address' {
            $m = Get-PresenceUserMapping -AgentId 1003
            $m.UserPrincipalName | Should -Be 'carol.jones@contoso.com'
            $m.MatchedOn | Should -Be 'ProxyAddress'
        }

        It 'reports an agent matching two Teams users as AmbiguousTeamsUserMatch and maps it to neither' {
            $ambiguous = @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousTeamsUserMatch*' })
            $ambiguous | Should -HaveCount 1
            $ambiguous[0].TargetObject.AgentId | Should -Be '1004'
            Get-PresenceUserMapping -AgentId 1004 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'reports both agents matching one Teams user as AmbiguousAgentMatch and maps neither' {
            $ambiguous = @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousAgentMatch*' })
            $ambiguous | Should -HaveCount 2
            ($ambiguous.TargetObject.AgentId | Sort-Object) | Should -Be @('1005', '1006')
            Get-PresenceUserMapping -AgentId 1005 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Get-PresenceUserMapping -AgentId 1006 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'raises no other error, and warns about the disabled account and the agents without a match' {
            $err | Should -HaveCount 3
            ($warn -join "`n") | Should -BeLike '*1009*disabled*'
        }

        It 'reports an exact agent id without a mapping as MappingNotFound, but not a pattern that matches nothing' {
            Get-PresenceUserMapping -AgentId 1007 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotFound*'
            Get-PresenceUserMapping -AgentId '200?' -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err2 | Should -HaveCount 0
            # Agent ids take [ and ] literally (issue 14): a set is no pattern here, only * and ? are.
            Get-PresenceUserMapping -AgentId '100[1]' -ErrorVariable err3 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err3[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotFound*'
            (Get-PresenceUserMapping -AgentId '100?').AgentId | Should -Contain '1001'
            (Get-PresenceUserMapping -AgentId '10*0').AgentId | Should -Be @('1010')
        }

        It 'lists the agents left unmapped' {
            $unmapped = Get-PresenceUserMapping -Unmapped
            $unmapped.AgentId | Should -Be @('1004', '1005', '1006', '1007', '1008', '1009')
            $unmapped[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceAgent])
        }

        It 'maps nothing new and changes nothing when run again' {
            $before = Get-MappingTable
            $again = Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $again | Should -BeNullOrEmpty
            Get-MappingTable | Should -Be $before
        }
    }

    Context 'Add-PresenceUserMapping -Auto -WhatIf' {
        It 'maps nothing but still reports the ambiguous matches' {
            Initialize-Store
            $out = Add-PresenceUserMapping -Auto -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @(Get-PresenceUserMapping) | Should -HaveCount 0
            @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousTeamsUserMatch*' }) | Should -HaveCount 1
            @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousAgentMatch*' }) | Should -HaveCount 2
        }
    }

    Context 'Manual mappings' {
        BeforeEach {
            Initialize-Store
            Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }

        It 'maps an ambiguous agent by hand, by UPN' {
            $m = Add-PresenceUserMapping -AgentId 1004 -TeamsUser 'dan.miller@contoso.com'
            $m.Source | Should -Be 'Manual'
            $m.MatchedOn | Should -Be 'Manual'
            (Get-PresenceUserMapping -AgentId 1004).UserPrincipalName | Should -Be 'dan.miller@contoso.com'
        }

        It 'accepts an object id and a proxy address for -TeamsUser' {
            Add-PresenceUserMapping -AgentId 1005 -TeamsUser '3f2b8a1e-5c47-4d2a-9e61-0a7c1b2d3e06' | Should -Not -BeNullOrEmpty
            (Add-PresenceUserMapping -AgentId 1008 -TeamsUser 'kim@contoso.com').UserPrincipalName | Should -Be 'kim.lee@contoso.com'
        }

        It 'refuses an address that belongs to two Teams users with AmbiguousTeamsUserReference' {
            Add-PresenceUserMapping -AgentId 1004 -TeamsUser 'reception@contoso.com' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousTeamsUserReference*'
            Get-PresenceUserMapping -AgentId 1004 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'refuses a Teams user who is mapped to another agent with TeamsUserAlreadyMapped' {
            Add-PresenceUserMapping -AgentId 1004 -TeamsUser 'alice.andersen@contoso.com' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TeamsUserAlreadyMapped*'
        }

        It 'refuses an agent that is mapped already with AgentAlreadyMapped' {
            Add-PresenceUserMapping -AgentId 1001 -TeamsUser 'kim.lee@contoso.com' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentAlreadyMapped*'
        }

        It 'reports unknown agents and Teams users' {
            Add-PresenceUserMapping -AgentId 4711 -TeamsUser 'kim.lee@contoso.com' -ErrorVariable e1 -ErrorAction SilentlyContinue
            Add-PresenceUserMapping -AgentId 1008 -TeamsUser 'nobody@contoso.com' -ErrorVariable e2 -ErrorAction SilentlyContinue
            $e1[0].FullyQualifiedErrorId | Should -BeLike 'AgentNotFound*'
            $e2[0].FullyQualifiedErrorId | Should -BeLike 'TeamsUserNotFound*'
        }

        It 'keeps a manual remap when -Auto runs again' {
            $remapped = Set-PresenceUserMapping -AgentId 1010 -TeamsUser 'kim.lee@contoso.com' -PassThru
            $remapped.Source | Should -Be 'Manual'
            Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $m = Get-PresenceUserMapping -AgentId 1010
            $m.UserPrincipalName | Should -Be 'kim.lee@contoso.com'
            $m.Source | Should -Be 'Manual'
            # Judy's own Teams user is free now, but no unmapped agent matches it.
            @(Get-PresenceUserMapping | Where-Object { $_.UserPrincipalName -eq 'judy.baker@contoso.com' }) | Should -HaveCount 0
        }

        It 'reports a Teams user taken by a manual mapping as TeamsUserAlreadyMapped on the next -Auto' {
            Set-PresenceUserMapping -AgentId 1001 -TeamsUser 'frontdesk@contoso.com'
            Remove-PresenceAgent -AgentId 1006
            Add-PresenceUserMapping -Auto -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $taken = @($err | Where-Object { $_.FullyQualifiedErrorId -like 'TeamsUserAlreadyMapped*' })
            $taken | Should -HaveCount 1
            $taken[0].TargetObject.AgentId | Should -Be '1005'
            Get-PresenceUserMapping -AgentId 1005 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'refuses to remap an agent that is not mapped with MappingNotFound' {
            Set-PresenceUserMapping -AgentId 1008 -TeamsUser 'kim.lee@contoso.com' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotFound*'
        }

        It 'removes mappings piped from Get-PresenceUserMapping and keeps agents and users' {
            Get-PresenceUserMapping | Where-Object Source -eq 'Auto' | Remove-PresenceUserMapping
            @(Get-PresenceUserMapping) | Should -HaveCount 0
            @(Get-PresenceAgent) | Should -HaveCount 10
            @(Get-PresenceTeamsUser) | Should -HaveCount 9
            Remove-PresenceUserMapping -AgentId 1001 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotFound*'
        }

        It 'maps by hand from CSV-like rows piped in' {
            $rows = @(
                [pscustomobject]@{ AgentId = '1004'; UserPrincipalName = 'lobby@contoso.com' }
                [pscustomobject]@{ AgentId = '1008'; UserPrincipalName = 'kim.lee@contoso.com' }
            )
            $made = $rows | Add-PresenceUserMapping
            $made | Should -HaveCount 2
            @(Get-PresenceUserMapping -Unmapped) | Should -HaveCount 4
        }
    }
}
