# Pester 5. The README's offline walkthrough, taken from the README itself: it must run as written on
# every OS (no drive-letter paths) and assign only rules it has created.

Describe 'README walkthrough' {
    BeforeAll {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $section = $readme.Substring($readme.IndexOf('## Walkthrough in pwsh'))
        $script:walkthrough = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'is found in the README' {
        $walkthrough | Should -Match 'New-PresenceRule'
    }

    It 'uses no Windows drive path, so it runs on every OS' {
        $walkthrough | Should -Not -Match '\b[A-Za-z]:\\'
    }

    It 'creates every rule before it assigns it' {
        $created = @()
        foreach ($line in $walkthrough -split '\r?\n') {
            foreach ($m in [regex]::Matches($line, 'New-PresenceRule\s+-Name\s+(\w+)')) { $created += $m.Groups[1].Value }
            foreach ($m in [regex]::Matches($line, 'Add-PresenceRuleAssignment\s+-Rule\s+(\w+)')) {
                $created | Should -Contain $m.Groups[1].Value -Because "'$line' assigns a rule the walkthrough has not created"
            }
        }
        $created | Should -Not -BeNullOrEmpty
    }

    It 'runs as written (module path, CSV files and store in a scratch folder), with no rule or path error' {
        $folder = Join-Path $TestDrive 'walkthrough'
        New-Item -ItemType Directory $folder | Out-Null
        Copy-Item (Join-Path $PSScriptRoot 'TestData/agents.csv'), (Join-Path $PSScriptRoot 'TestData/directory.csv') $folder
        $module = Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1'
        $code = $walkthrough -replace 'Import-Module \./out/PresenceSync/PresenceSync\.psd1', ('Import-Module ''{0}'' -Force' -f $module)
        $code = $code.Replace('$HOME', "'$folder'")   # $HOME is read-only: the scratch folder stands in for it
        # As in an admin's console: errors shown, not stopping (whatever preference an earlier test file left behind).
        $code = "`$ErrorActionPreference = 'Continue'`n" + $code
        Push-Location $folder
        try {
            $errors = @()
            $null = & ([scriptblock]::Create($code)) -ErrorVariable +errors -ErrorAction SilentlyContinue -WhatIf:$false 2>&1
        }
        finally { Pop-Location }
        Test-Path (Join-Path $folder 'PresenceSync/contoso.db') | Should -BeTrue
        $ids = @($errors | ForEach-Object { $_.FullyQualifiedErrorId })
        # The walkthrough shows the mapping errors on purpose; a missing rule or a bad path is not one of them.
        $ids | Where-Object { $_ -match 'RuleNotFound|StoreOpenFailed|DriveNotFound|PathNotFound|CommandNotFound' } | Should -BeNullOrEmpty
        (Get-PresenceRule).Name | Should -Contain 'Vip'
    }
}
