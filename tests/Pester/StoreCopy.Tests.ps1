# Pester 5. Copy-PresenceSyncStore between two SQLite files (the PostgreSQL copies are tested by the
# xunit suites, which start a server of their own): everything arrives, -WhatIf copies nothing, and a
# target with data is replaced only with -Force.

Describe 'Copy-PresenceSyncStore' {
    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        $manifest = Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1'
        Import-Module $manifest -Force
        $source = Join-Path $TestDrive 'source.db'
        Set-PresenceSyncStore -Path $source
        1..3 | ForEach-Object { [pscustomobject]@{ AgentId = "C$_"; Email = "c$_@contoso.test"; Team = 'Sales' } } | Import-PresenceAgent
        New-PresenceBusinessUnit -Name CopySecond | Out-Null
    }

    It 'copies every unit and agent to a new store and shows the copy in a table' {
        $target = Join-Path $TestDrive 'target.db'
        $copy = Copy-PresenceSyncStore -To $target -Confirm:$false
        $copy | Should -BeOfType ([PresenceSync.Engine.Model.PresenceStoreCopy])
        $copy.Units | Should -Be 2
        $copy.FromBackend | Should -Be 'SQLite'
        ($copy | Format-Table | Out-String) | Should -Match 'ToBackend'
        Set-PresenceSyncStore -Path $target
        (Get-PresenceAgent).AgentId | Should -Be @('C1', 'C2', 'C3')
        (Get-PresenceBusinessUnit).Name | Should -Contain 'CopySecond'
        (Get-PresenceSyncStore).Backend | Should -Be 'SQLite'
        Set-PresenceSyncStore -Path $source
    }

    It 'copies nothing with -WhatIf' {
        $target = Join-Path $TestDrive 'whatif.db'
        Copy-PresenceSyncStore -From $source -To $target -WhatIf | Should -BeNullOrEmpty
        Set-PresenceSyncStore -Path $target
        Get-PresenceAgent | Should -BeNullOrEmpty
        Set-PresenceSyncStore -Path $source
    }

    It 'refuses a target with data without -Force and replaces it with -Force' {
        $target = Join-Path $TestDrive 'full.db'
        Set-PresenceSyncStore -Path $target
        [pscustomobject]@{ AgentId = 'Other' } | Import-PresenceAgent
        Set-PresenceSyncStore -Path $source
        { Copy-PresenceSyncStore -To $target -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StoreCopyTargetNotEmpty*'
        Copy-PresenceSyncStore -To $target -Force -Confirm:$false | Out-Null
        Set-PresenceSyncStore -Path $target
        (Get-PresenceAgent).AgentId | Should -Be @('C1', 'C2', 'C3')
        Set-PresenceSyncStore -Path $source
    }
}
