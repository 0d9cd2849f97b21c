# Pester 5. -WhatIf on every cmdlet that changes the store: the store must read back exactly as before,
# while the checks that need no change (row validation, bad import rows, ambiguous matches) still report.

Describe '-WhatIf changes nothing' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        $storePath = Join-Path $TestDrive 'store.db'
        Set-PresenceSyncStore -Path $storePath
        $data = Join-Path $PSScriptRoot 'TestData'

        Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
        Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -ErrorAction SilentlyContinue
        # Only 1001 is mapped, so -Auto -WhatIf has mappings to propose.
        Add-PresenceUserMapping -AgentId 1001 -TeamsUser 'alice.andersen@contoso.com' | Out-Null
        New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'LoggedOut => Clear' | Out-Null
        New-PresenceRule -Name Spare -Row 'Break => Away/Away' | Out-Null
        Add-PresenceRuleAssignment -Rule Inbound -Default | Out-Null
        Add-PresenceRuleAssignment -Rule Inbound -AcdTeam Sales -Priority 10 | Out-Null
        Add-PresenceRuleAssignment -Rule Spare -AgentId 1002 | Out-Null
        New-PresenceBusinessUnit -Name Contoso | Out-Null
        Import-PresenceAgent -AgentId 9001 -Name 'Contoso agent' -BusinessUnit Contoso
        New-PresenceBusinessUnit -Name Empty | Out-Null
        # Recording an app with a secret from the environment makes no Graph request.
        $appId = '4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27'
        New-PresenceSyncApp -BusinessUnit Contoso -TenantId contoso.onmicrosoft.com -ClientId $appId -SecretFromEnvironment | Out-Null

        # Everything the store holds, as text that changes when anything in it changes.
        function Get-StoreSnapshot {
            $lines = foreach ($unit in Get-PresenceBusinessUnit) {
                $bu = $unit.Name
                'unit {0} {1}' -f $bu, $unit.Description
                Get-PresenceAgent -BusinessUnit $bu | ForEach-Object {
                    'agent {0} {1} {2} {3} {4} {5} {6}' -f $bu, $_.AgentId, $_.Name, $_.Email, $_.Extension, ($_.Teams -join ';'), $_.UpdatedUtc.Ticks }
                Get-PresenceTeamsUser -BusinessUnit $bu | ForEach-Object {
                    'user {0} {1} {2} {3} {4}' -f $bu, $_.Id, $_.UserPrincipalName, $_.AccountEnabled, $_.UpdatedUtc.Ticks }
                Get-PresenceUserMapping -BusinessUnit $bu | ForEach-Object {
                    'map {0} {1} {2} {3} {4}' -f $bu, $_.AgentId, $_.TeamsUserId, $_.Source, $_.UpdatedUtc.Ticks }
                Get-PresenceRule -BusinessUnit $bu | ForEach-Object {
                    'rule {0} {1} {2} {3} {4} {5} {6}' -f $bu, $_.Name, $_.Description, $_.ManualStatusPolicy, $_.InternalCalls,
                        $_.UpdatedUtc.Ticks, (@($_.Rows | ForEach-Object { $_.ToString() }) -join ' | ') }
                Get-PresenceRuleAssignment -BusinessUnit $bu | ForEach-Object {
                    'assign {0} {1} {2} {3} {4}' -f $bu, $_.Rule, $_.Scope, $_.Subject, $_.Priority }
                Get-PresenceSyncApp -BusinessUnit $bu -ErrorAction SilentlyContinue | ForEach-Object {
                    'app {0} {1} {2} {3} {4} {5} {6}' -f $bu, $_.ClientId, $_.SecretStorage, $_.PresenceBudget, $_.CredentialExpiresUtc, $_.GraphBaseUrl, $_.UpdatedUtc.Ticks }
            }
            $lines -join "`n"
        }
    }

    BeforeEach {
        $before = Get-StoreSnapshot
    }

    AfterEach {
        Set-PresenceSyncStore -Path $storePath
    }

    It 'has a store worth protecting' {
        $before | Should -BeLike '*map Default 1001*'
        $before | Should -BeLike '*assign Default Spare Agent 1002*'
        $before | Should -BeLike '*agent Contoso 9001*'
        $before | Should -BeLike "*app Contoso $appId Environment*"
    }

    It 'Set-PresenceSyncStore' {
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'elsewhere.db') -WhatIf
        Set-PresenceSyncStore -Reset -WhatIf
        (Get-PresenceSyncStore).Path | Should -Be ([System.IO.Path]::GetFullPath($storePath))
        Test-Path (Join-Path $TestDrive 'elsewhere.db') | Should -BeFalse
    }

    It 'New-PresenceBusinessUnit' {
        New-PresenceBusinessUnit -Name Fabrikam -WhatIf | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceBusinessUnit' {
        Remove-PresenceBusinessUnit -Name Empty -WhatIf
        Remove-PresenceBusinessUnit -Name Contoso -Force -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Import-PresenceAgent, which still reports the bad rows' {
        $out = Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -PassThru -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        Import-PresenceAgent -AgentId 2001 -Name 'New agent' -WhatIf
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 2
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceAgent' {
        Get-PresenceAgent | Remove-PresenceAgent -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Import-PresenceTeamsUser, which still reports the bad rows' {
        Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTeamsUserId*'
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Add-PresenceUserMapping -Auto, which still reports the ambiguous matches' {
        $out = Add-PresenceUserMapping -Auto -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousTeamsUserMatch*' }) | Should -HaveCount 1
        @($err | Where-Object { $_.FullyQualifiedErrorId -like 'AmbiguousAgentMatch*' }) | Should -HaveCount 2
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Add-PresenceUserMapping by hand' {
        Add-PresenceUserMapping -AgentId 1004 -TeamsUser 'dan.miller@contoso.com' -WhatIf | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Set-PresenceUserMapping' {
        Set-PresenceUserMapping -AgentId 1001 -TeamsUser 'kim.lee@contoso.com' -PassThru -WhatIf | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceUserMapping' {
        Get-PresenceUserMapping | Remove-PresenceUserMapping -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'New-PresenceRule, which still validates the rows' {
        New-PresenceRule -Name Outbound -Row 'Outbound => Busy/InACall' -WhatIf | Should -BeNullOrEmpty
        New-PresenceRule -Name Loop -Row 'Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready' -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OscillatingRule*'
        New-PresenceRule -Name inbound -Row 'Inbound => Away/Away' -WhatIf -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'RuleExists*'
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Set-PresenceRule, which still validates the rows' {
        Set-PresenceRule -Name Inbound -NewName Calls -Row 'Outbound => Busy/InACall' -ManualStatusPolicy Override -Description 'x' -WhatIf
        Set-PresenceRule -Name Inbound -Row 'Inbound => Busy/InAMeeting' -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsettableTeamsTarget*'
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceRule' {
        Remove-PresenceRule -Name Inbound -Force -WhatIf
        Get-PresenceRule | Remove-PresenceRule -Force -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Add-PresenceRuleAssignment' {
        Add-PresenceRuleAssignment -Rule Spare -AgentId 1003 -WhatIf | Should -BeNullOrEmpty
        Add-PresenceRuleAssignment -Rule Spare -AcdTeam Sales -Priority 1 -Force -WhatIf | Should -BeNullOrEmpty
        # 1002 has an assignment of its own already: reported (AssignmentExists), not replaced.
        Get-PresenceAgent -Team Support | Add-PresenceRuleAssignment -Rule Inbound -WhatIf -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceRuleAssignment' {
        Remove-PresenceRuleAssignment -Default -WhatIf
        Remove-PresenceRuleAssignment -AcdTeam Sales -WhatIf
        Get-PresenceRuleAssignment | Remove-PresenceRuleAssignment -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'New-PresenceSyncApp, which still checks the values' {
        New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId $appId -SecretFromEnvironment -WhatIf | Should -BeNullOrEmpty
        New-PresenceSyncApp -BusinessUnit Contoso -TenantId fabrikam.com -ClientId $appId -SecretFromEnvironment -Force -WhatIf | Should -BeNullOrEmpty
        New-PresenceSyncApp -TenantId 'not a tenant' -ClientId $appId -SecretFromEnvironment -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTenantId*'
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Set-PresenceSyncApp' {
        Set-PresenceSyncApp -BusinessUnit Contoso -PresenceBudget 10 -SecretExpiresUtc '2030-01-01' -GraphBaseUrl 'https://graph.example/v1.0' -PassThru -WhatIf | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Remove-PresenceSyncApp' {
        Remove-PresenceSyncApp -BusinessUnit Contoso -WhatIf
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Set-PresenceAgentState, which records no event (and checks none)' {
        Set-PresenceAgentState -AgentId 1001 -State Inbound -PassThru -WhatIf | Should -BeNullOrEmpty
        Set-PresenceAgentState -AgentId NoSuchAgent -State Inbound -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        Get-PresenceSyncHistory | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Start-PresenceSync and Stop-PresenceSync, which run and stop nothing' {
        Start-PresenceSync -BusinessUnit Contoso -Once -WhatIf | Should -BeNullOrEmpty
        Start-PresenceSync -WhatIf | Should -BeNullOrEmpty
        (Get-PresenceSyncStatus -BusinessUnit Contoso).LastPassUtc | Should -BeNullOrEmpty
        Stop-PresenceSync -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncNotRunning*'
        Get-StoreSnapshot | Should -Be $before
    }

    It 'Sync-PresenceTeamsUser, which makes no Graph request' {
        Sync-PresenceTeamsUser -BusinessUnit Contoso -Full -WhatIf | Should -BeNullOrEmpty
        Get-StoreSnapshot | Should -Be $before
    }
}
