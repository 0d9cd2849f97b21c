# Pester 5. Business units: the Default unit, creating, listing, isolating and removing units.

Describe 'Business units' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $data = Join-Path $PSScriptRoot 'TestData'
    }

    BeforeEach {
        Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
    }

    It 'has a Default unit in a new store' {
        $units = @(Get-PresenceBusinessUnit)
        $units | Should -HaveCount 1
        $units[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceBusinessUnit])
        $units[0].Name | Should -Be 'Default'
        $units[0].IsDefault | Should -BeTrue
    }

    It 'creates units from parameters and from the pipeline' {
        $contoso = New-PresenceBusinessUnit -Name Contoso -Description 'Contoso tenant'
        $contoso.Name | Should -Be 'Contoso'
        $contoso.Description | Should -Be 'Contoso tenant'
        $contoso.AgentCount | Should -Be 0
        'Fabrikam', 'Northwind' | New-PresenceBusinessUnit | Should -HaveCount 2
        [pscustomobject]@{ Name = 'Tailspin'; Description = 'from a CSV row' } | New-PresenceBusinessUnit | Out-Null
        (Get-PresenceBusinessUnit -Name Tailspin).Description | Should -Be 'from a CSV row'
        @(Get-PresenceBusinessUnit) | Should -HaveCount 5
    }

    It 'refuses a name that exists already, in any case, with BusinessUnitExists' {
        New-PresenceBusinessUnit -Name Contoso | Out-Null
        New-PresenceBusinessUnit -Name CONTOSO -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitExists*'
    }

    It 'refuses the invalid name <_> with InvalidBusinessUnitName' -ForEach @('Bad/Name', '-dash', ('x' * 65)) {
        New-PresenceBusinessUnit -Name $_ -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidBusinessUnitName*'
        @(Get-PresenceBusinessUnit) | Should -HaveCount 1
    }

    It 'lists units by wildcard and reports an exact name that does not exist' {
        'Contoso', 'Contoso Labs', 'Fabrikam' | New-PresenceBusinessUnit | Out-Null
        @(Get-PresenceBusinessUnit -Name 'Contoso*') | Should -HaveCount 2
        Get-PresenceBusinessUnit -Name 'Woodgrove' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotFound*'
        Get-PresenceBusinessUnit -Name 'Wood*' -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2 | Should -HaveCount 0
    }

    It 'keeps agents, Teams users, mappings and rules apart per unit' {
        New-PresenceBusinessUnit -Name Contoso | Out-Null
        Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
        Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -BusinessUnit Contoso -ErrorAction SilentlyContinue
        Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -BusinessUnit Contoso -ErrorAction SilentlyContinue
        New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall' -BusinessUnit Contoso | Out-Null

        # The Default unit has no directory, so auto-mapping there maps nothing.
        Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        @(Add-PresenceUserMapping -Auto -BusinessUnit Contoso -ErrorAction SilentlyContinue -WarningAction SilentlyContinue) | Should -HaveCount 4

        $default = Get-PresenceBusinessUnit -Name Default
        $contoso = Get-PresenceBusinessUnit -Name Contoso
        $default.AgentCount, $default.TeamsUserCount, $default.RuleCount | Should -Be @(10, 0, 0)
        $contoso.AgentCount, $contoso.TeamsUserCount, $contoso.RuleCount | Should -Be @(10, 9, 1)
        Get-PresenceRule -Name Inbound -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-PresenceUserMapping) | Should -HaveCount 0
    }

    It 'brings the unit down the pipeline' {
        New-PresenceBusinessUnit -Name Contoso | Out-Null
        Import-PresenceAgent -AgentId 1 -Name 'In Default'
        Import-PresenceAgent -AgentId 2 -Name 'In Contoso' -BusinessUnit Contoso
        $all = Get-PresenceBusinessUnit | Get-PresenceAgent
        $all | Should -HaveCount 2
        ($all | Where-Object AgentId -eq '2').BusinessUnit | Should -Be 'Contoso'
        (Get-PresenceAgent -BusinessUnit Contoso | Get-PresenceEffectiveRule).BusinessUnit | Should -Be 'Contoso'
    }

    It 'takes an empty BusinessUnit value, such as an empty CSV cell, as the Default unit' {
        New-PresenceBusinessUnit -Name Contoso | Out-Null
        [pscustomobject]@{ AgentId = 'E1'; BusinessUnit = '' }, [pscustomobject]@{ AgentId = 'C1'; BusinessUnit = 'Contoso' } | Import-PresenceAgent
        (Get-PresenceAgent -AgentId E1 -BusinessUnit '').BusinessUnit | Should -Be 'Default'
        (Get-PresenceAgent -AgentId C1 -BusinessUnit Contoso).BusinessUnit | Should -Be 'Contoso'
        @(Get-PresenceAgent -BusinessUnit '') | Should -HaveCount 1
    }

    Context 'Removing units' {
        BeforeEach {
            New-PresenceBusinessUnit -Name Empty | Out-Null
            New-PresenceBusinessUnit -Name Busy | Out-Null
            Import-PresenceAgent -AgentId 1 -Email 'one@contoso.com' -BusinessUnit Busy
            Import-PresenceTeamsUser -Id ([guid]::NewGuid().ToString()) -UserPrincipalName 'one@contoso.com' -BusinessUnit Busy
            Add-PresenceUserMapping -Auto -BusinessUnit Busy | Out-Null
            New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall' -BusinessUnit Busy | Out-Null
            Add-PresenceRuleAssignment -Rule Inbound -Default -BusinessUnit Busy | Out-Null
        }

        It 'removes an empty unit' {
            Remove-PresenceBusinessUnit -Name Empty -Confirm:$false
            (Get-PresenceBusinessUnit).Name | Should -Not -Contain 'Empty'
        }

        It 'refuses a unit that holds anything without -Force, with BusinessUnitNotEmpty' {
            Remove-PresenceBusinessUnit -Name Busy -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotEmpty*'
            (Get-PresenceBusinessUnit -Name Busy).AgentCount | Should -Be 1
        }

        It 'removes a unit with everything in it with -Force' {
            Remove-PresenceBusinessUnit -Name Busy -Force -Confirm:$false
            Get-PresenceBusinessUnit -Name Busy -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $again = New-PresenceBusinessUnit -Name Busy
            $again.AgentCount, $again.TeamsUserCount, $again.RuleCount | Should -Be @(0, 0, 0)
            Get-PresenceRuleAssignment -BusinessUnit Busy | Should -BeNullOrEmpty
        }

        It 'counts a unit''s sync app as content, which only -Force removes' {
            New-PresenceSyncApp -BusinessUnit Empty -TenantId contoso.onmicrosoft.com -ClientId 4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27 -SecretFromEnvironment | Out-Null
            Remove-PresenceBusinessUnit -Name Empty -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotEmpty*'
            "$($err[0].Exception.Message)" | Should -BeLike '*sync app*'
            Remove-PresenceBusinessUnit -Name Empty -Force -Confirm:$false
            New-PresenceBusinessUnit -Name Empty | Out-Null
            Get-PresenceSyncApp -BusinessUnit Empty -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'SyncAppNotFound*'
        }

        It 'never removes the Default unit' {
            Remove-PresenceBusinessUnit -Name Default -Force -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DefaultBusinessUnitProtected*'
            Get-PresenceBusinessUnit -Name Default | Should -Not -BeNullOrEmpty
        }

        It 'removes units piped from Get-PresenceBusinessUnit' {
            Get-PresenceBusinessUnit | Where-Object { -not $_.IsDefault } | Remove-PresenceBusinessUnit -Force -Confirm:$false
            (Get-PresenceBusinessUnit).Name | Should -Be 'Default'
        }
    }
}
