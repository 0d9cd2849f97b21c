# Pester 5 (5.1 or later: data-driven -ForEach).
# Import-PresenceTeamsUser and Get-PresenceTeamsUser against a throw-away store.

Describe 'Teams directory' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $directoryCsv = Join-Path (Join-Path $PSScriptRoot 'TestData') 'directory.csv'
        $aliceId = [guid]'3f2b8a1e-5c47-4d2a-9e61-0a7c1b2d3e01'
    }

    Context 'Importing directory.csv' {
        BeforeAll {
            $imported = Import-Csv $directoryCsv |
                Import-PresenceTeamsUser -PassThru -ErrorVariable importErrors -ErrorAction SilentlyContinue
        }

        It 'stores every good row' {
            $imported | Should -HaveCount 9
            @(Get-PresenceTeamsUser) | Should -HaveCount 9
            $imported[0] | Should -BeOfType ([PresenceSync.Engine.Model.PresenceTeamsUser])
        }

        It 'reports the malformed object id as InvalidTeamsUserId, with the row as target, and nothing else' {
            $importErrors | Should -HaveCount 1
            $importErrors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTeamsUserId*'
            $importErrors[0].TargetObject.UserPrincipalName | Should -Be 'sam.brown@contoso.com'
        }

        It 'reads AccountEnabled from the CSV text' {
            (Get-PresenceTeamsUser -UserPrincipalName 'ivan.petrov@contoso.com').AccountEnabled | Should -BeFalse
            (Get-PresenceTeamsUser -UserPrincipalName 'alice.andersen@contoso.com').AccountEnabled | Should -BeTrue
        }

        It 'splits the proxy addresses cell' {
            $carol = Get-PresenceTeamsUser -UserPrincipalName 'carol.jones@contoso.com'
            $carol.ProxyAddresses | Should -HaveCount 3
            $carol.ProxyAddresses | Should -Contain 'smtp:carol.jones@fabrikam.com'
        }

        It 'finds users by UPN or display name wildcard' {
            @(Get-PresenceTeamsUser -UserPrincipalName '*@contoso.com') | Should -HaveCount 8
            (Get-PresenceTeamsUser -UserPrincipalName 'Kim*').UserPrincipalName | Should -Be 'kim.lee@contoso.com'
            (Get-PresenceTeamsUser -DisplayName 'Front Desk').UserPrincipalName | Should -Be 'frontdesk@contoso.com'
        }

        It 'finds a user by object id' {
            $user = Get-PresenceTeamsUser -Id $aliceId
            $user.UserPrincipalName | Should -Be 'alice.andersen@contoso.com'
            $user.TeamsUser | Should -Be $aliceId.ToString()
        }

        It 'reports an exact UPN that is not stored as TeamsUserNotFound' {
            $found = Get-PresenceTeamsUser -UserPrincipalName 'nobody@contoso.com' -ErrorVariable err -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TeamsUserNotFound*'
        }
    }

    Context 'Refused and updated rows' {
        BeforeEach {
            Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
        }

        It 'refuses a row without object id, without UPN, and a repeated object id' {
            $rows = @(
                [pscustomobject]@{ Id = ''; UserPrincipalName = 'a@contoso.com' }
                [pscustomobject]@{ Id = [guid]::NewGuid().ToString(); UserPrincipalName = '' }
                [pscustomobject]@{ Id = $aliceId.ToString(); UserPrincipalName = 'first@contoso.com' }
                [pscustomobject]@{ Id = $aliceId.ToString(); UserPrincipalName = 'second@contoso.com' }
            )
            $rows | Import-PresenceTeamsUser -ErrorVariable err -ErrorAction SilentlyContinue
            $ids = @($err | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
            $ids | Should -Be @('MissingTeamsUserId', 'MissingUserPrincipalName', 'DuplicateTeamsUserId')
            (Get-PresenceTeamsUser -Id $aliceId).UserPrincipalName | Should -Be 'first@contoso.com'
        }

        It 'updates a user that is imported again, by object id' {
            Import-PresenceTeamsUser -Id $aliceId -UserPrincipalName 'alice@contoso.com' -DisplayName 'Alice'
            Import-PresenceTeamsUser -Id $aliceId -UserPrincipalName 'alice.andersen@contoso.com' -DisplayName 'Alice Andersen' -AccountEnabled $false
            @(Get-PresenceTeamsUser) | Should -HaveCount 1
            $user = Get-PresenceTeamsUser -Id $aliceId
            $user.UserPrincipalName | Should -Be 'alice.andersen@contoso.com'
            $user.AccountEnabled | Should -BeFalse
        }

        It 'imports each row into the business unit it names, and fails only the rows of a unit that does not exist' {
            New-PresenceBusinessUnit -Name Contoso | Out-Null
            $rows = @(
                [pscustomobject]@{ Id = $aliceId.ToString(); UserPrincipalName = 'alice@contoso.com'; BusinessUnit = 'Contoso' }
                [pscustomobject]@{ Id = $aliceId.ToString(); UserPrincipalName = 'alice@contoso.com' }
                [pscustomobject]@{ Id = [guid]::NewGuid().ToString(); UserPrincipalName = 'x@contoso.com'; BusinessUnit = 'Nowhere' }
            )
            $rows | Import-PresenceTeamsUser -ErrorVariable err -ErrorAction SilentlyContinue
            @($err | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('BusinessUnitNotFound')
            @(Get-PresenceTeamsUser -BusinessUnit Contoso) | Should -HaveCount 1
            @(Get-PresenceTeamsUser) | Should -HaveCount 1
        }

        It 'binds Get-MgUser style objects (ProxyAddresses as an array)' {
            $mgUser = [pscustomobject]@{
                Id = $aliceId.ToString(); UserPrincipalName = 'alice.andersen@contoso.com'; Mail = 'alice.andersen@contoso.com'
                ProxyAddresses = @('SMTP:alice.andersen@contoso.com', 'smtp:alice@fabrikam.com'); DisplayName = 'Alice Andersen'; AccountEnabled = $true
            }
            $user = $mgUser | Import-PresenceTeamsUser -PassThru
            $user.ProxyAddresses | Should -HaveCount 2
            $user.Mail | Should -Be 'alice.andersen@contoso.com'
        }
    }
}
