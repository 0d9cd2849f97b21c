# Pester 5. Where the store is (session setting, then PRESENCESYNC_STORE, then the per-user default)
# and that what is stored outlives the session that stored it. No test here touches the per-user
# default store: PRESENCESYNC_STORE or a session path is always set when a store is opened.

Describe 'Store' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        $manifest = Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1'
        Import-Module $manifest -Force
        $storePath = Join-Path $TestDrive 'store.db'
        Set-PresenceSyncStore -Path $storePath
        $data = Join-Path $PSScriptRoot 'TestData'
        $savedEnvironment = $env:PRESENCESYNC_STORE

        # Runs a script in a new runspace: a new PowerShell session with its own module state.
        function Invoke-InNewSession([string] $Script, [object[]] $ArgumentList = @()) {
            $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
            try {
                $null = $ps.AddScript($Script)
                foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
                $output = $ps.Invoke()
                if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
                $output
            }
            finally {
                $ps.Dispose()
            }
        }
    }

    AfterEach {
        $env:PRESENCESYNC_STORE = $savedEnvironment
        Set-PresenceSyncStore -Path $storePath
    }

    It 'reports the session setting as the source' {
        $info = Set-PresenceSyncStore -Path $storePath -PassThru
        $info | Should -BeOfType ([PresenceSync.Engine.Model.PresenceStoreInfo])
        $info.Path | Should -Be ([System.IO.Path]::GetFullPath($storePath))
        $info.Source | Should -Be 'Session'
        $info.SchemaVersion | Should -BeGreaterOrEqual 1
        (Get-PresenceSyncStore).Path | Should -Be $info.Path
    }

    It 'creates the store file on first use' {
        $fresh = Join-Path $TestDrive 'sub/fresh.db'
        Set-PresenceSyncStore -Path $fresh
        Test-Path $fresh | Should -BeTrue
        (Get-PresenceBusinessUnit).Name | Should -Be 'Default'
    }

    It 'takes a folder as the file presencesync.db inside it' {
        $folder = Join-Path $TestDrive 'folder'
        $null = [System.IO.Directory]::CreateDirectory($folder)
        (Set-PresenceSyncStore -Path $folder -PassThru).Path | Should -Be ([System.IO.Path]::Combine([System.IO.Path]::GetFullPath($folder), 'presencesync.db'))
    }

    It 'resolves a relative path against the current location' {
        Push-Location $TestDrive
        try {
            (Set-PresenceSyncStore -Path 'relative.db' -PassThru).Path | Should -Be ([System.IO.Path]::GetFullPath((Join-Path $TestDrive 'relative.db')))
        }
        finally {
            Pop-Location
        }
    }

    It 'changes nothing with -WhatIf' {
        $other = Join-Path $TestDrive 'whatif.db'
        Set-PresenceSyncStore -Path $other -WhatIf
        Set-PresenceSyncStore -Reset -WhatIf
        (Get-PresenceSyncStore).Path | Should -Be ([System.IO.Path]::GetFullPath($storePath))
        Test-Path $other | Should -BeFalse
    }

    It 'falls back to PRESENCESYNC_STORE after -Reset' {
        $fromEnvironment = Join-Path $TestDrive 'environment.db'
        $env:PRESENCESYNC_STORE = $fromEnvironment
        Set-PresenceSyncStore -Reset
        $info = Get-PresenceSyncStore
        $info.Source | Should -Be 'Environment'
        $info.Path | Should -Be ([System.IO.Path]::GetFullPath($fromEnvironment))
    }

    It 'keeps the session setting to its own runspace' {
        $fromEnvironment = Join-Path $TestDrive 'other-session.db'
        $env:PRESENCESYNC_STORE = $fromEnvironment
        $info = Invoke-InNewSession 'param($m) Import-Module $m; Get-PresenceSyncStore' $manifest
        $info.Source | Should -Be 'Environment'
        $info.Path | Should -Be ([System.IO.Path]::GetFullPath($fromEnvironment))
        (Get-PresenceSyncStore).Source | Should -Be 'Session'
    }

    Context 'What was stored outlives the session' {
        BeforeAll {
            $durable = Join-Path $TestDrive 'durable.db'
            Set-PresenceSyncStore -Path $durable
            Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
            Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -ErrorAction SilentlyContinue
            Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'LoggedOut => Clear' | Out-Null
            Add-PresenceRuleAssignment -Rule Inbound -AcdTeam Sales -Priority 10 | Out-Null
        }

        It 'is read back by a new session that opens the same store' {
            $script = 'param($m, $p) Import-Module $m; Set-PresenceSyncStore -Path $p
                @(Get-PresenceAgent).Count; @(Get-PresenceTeamsUser).Count; @(Get-PresenceUserMapping).Count
                (Get-PresenceRule -Name Inbound).Rows.Count; (Get-PresenceEffectiveRule -AgentId 1001).Rule'
            $counts = Invoke-InNewSession $script $manifest, $durable
            $counts | Should -Be @(10, 9, 4, 2, 'Inbound')
        }

        It 'is read back by a new session through PRESENCESYNC_STORE' {
            $env:PRESENCESYNC_STORE = $durable
            $agents = Invoke-InNewSession 'param($m) Import-Module $m; Get-PresenceAgent' $manifest
            $agents | Should -HaveCount 10
        }

        It 'is read back after the module is imported again' {
            Set-PresenceSyncStore -Path $durable
            Import-Module $manifest -Force
            Set-PresenceSyncStore -Path $durable
            @(Get-PresenceAgent) | Should -HaveCount 10
            (Get-PresenceUserMapping -AgentId 1003).MatchedOn | Should -Be 'ProxyAddress'
        }
    }

    It 'stops with StoreOpenFailed when the store cannot be opened' {
        $blocker = Join-Path $TestDrive 'blocker.txt'
        [System.IO.File]::WriteAllText($blocker, 'not a folder')
        { Set-PresenceSyncStore -Path (Join-Path $blocker 'store.db') } | Should -Throw -ErrorId 'StoreOpenFailed,*'
    }

    It 'uses no store after a Set-PresenceSyncStore that failed, until one succeeds' {
        # Falling back (to the store it had, or the per-user default) would quietly put the next
        # changes where the user just said they should not go.
        $blocker = Join-Path $TestDrive 'blocker2.txt'
        [System.IO.File]::WriteAllText($blocker, 'not a folder')
        $failed = Join-Path $blocker 'store.db'
        { Set-PresenceSyncStore -Path $failed } | Should -Throw -ErrorId 'StoreOpenFailed,*'
        { Get-PresenceBusinessUnit -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotSet,*'
        { New-PresenceBusinessUnit -Name Lost -ErrorAction Stop } | Should -Throw -ExpectedMessage "*$([System.IO.Path]::GetFullPath($failed))*"
        { Get-PresenceSyncStore -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotSet,*'
        Set-PresenceSyncStore -Path $storePath
        (Get-PresenceBusinessUnit).Name | Should -Not -Contain 'Lost'
        (Get-PresenceSyncStore).Path | Should -Be ([System.IO.Path]::GetFullPath($storePath))
    }

    It 'uses no store after a failed Set-PresenceSyncStore when none was set before (not the per-user default)' {
        $blocker = Join-Path $TestDrive 'blocker3.txt'
        [System.IO.File]::WriteAllText($blocker, 'not a folder')
        $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
        try {
            $null = $ps.AddScript({
                param($Manifest, $Path)
                Import-Module $Manifest
                try { Set-PresenceSyncStore -Path $Path -ErrorAction Stop } catch { }
                try { Get-PresenceAgent -ErrorAction Stop; 'no error' } catch { $_.FullyQualifiedErrorId }
            }).AddArgument($manifest).AddArgument((Join-Path $blocker 'store.db'))
            $result = $ps.Invoke()
            "$result" | Should -BeLike 'StoreNotSet,*'
        }
        finally { $ps.Dispose() }
    }

    It 'stops Set-PresenceAgentState once, not once per row, when the store cannot be opened' {
        $blocker = Join-Path $TestDrive 'blocker4.txt'
        [System.IO.File]::WriteAllText($blocker, 'not a folder')
        $env:PRESENCESYNC_STORE = Join-Path $blocker 'store.db'
        $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
        try {
            $null = $ps.AddScript({
                param($Manifest)
                Import-Module $Manifest
                1..5 | ForEach-Object { [pscustomobject]@{ AgentId = "10$_"; State = 'Available' } } | Set-PresenceAgentState
                'after'
            }).AddArgument($manifest)
            $null = $ps.Invoke()
            $ps.Streams.Error.Count | Should -Be 1
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'StoreOpenFailed,*'
        }
        finally { $ps.Dispose() }
    }

    Context 'A read-only store' {
        BeforeAll {
            # Each read runs in a new session, which opens the file afresh (a session keeps the stores it opened).
            function Invoke-OnStore([string] $Path, [scriptblock] $Script) {
                $ps = [powershell]::Create([initialsessionstate]::CreateDefault2())
                try {
                    $null = $ps.AddScript("param(`$Manifest, `$Path) Import-Module `$Manifest; Set-PresenceSyncStore -Path `$Path; $Script").AddArgument($manifest).AddArgument($Path)
                    $output = $ps.Invoke()
                    [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error) }
                }
                finally { $ps.Dispose() }
            }
        }

        It 'is read by the Get- cmdlets, and a change fails with StoreReadOnly' {
            $path = Join-Path $TestDrive 'readonly.db'
            $null = Invoke-OnStore $path { New-PresenceBusinessUnit -Name Contoso; New-PresenceRule -Name Calls -Row 'Inbound => Busy/InACall' -BusinessUnit Contoso; Remove-Module PresenceSync }
            Set-ItemProperty $path -Name IsReadOnly -Value $true
            try {
                $read = Invoke-OnStore $path { (Get-PresenceBusinessUnit).Name; (Get-PresenceRule -BusinessUnit Contoso).Name; Remove-Module PresenceSync }
                $read.Errors | Should -BeNullOrEmpty
                $read.Output | Should -Contain 'Contoso'
                $read.Output | Should -Contain 'Calls'
                $write = Invoke-OnStore $path { New-PresenceBusinessUnit -Name Fabrikam; Remove-Module PresenceSync }
                $write.Errors | Should -HaveCount 1
                $write.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StoreReadOnly,*'
            }
            finally { Set-ItemProperty $path -Name IsReadOnly -Value $false }
        }

        It 'that needs upgrading is a clear StoreReadOnly error' {
            $path = Join-Path $TestDrive 'old-readonly.db'
            [System.IO.File]::WriteAllBytes($path, [byte[]]::new(0))   # an empty file: an SQLite database at schema version 0
            Set-ItemProperty $path -Name IsReadOnly -Value $true
            try {
                $read = Invoke-OnStore $path { Get-PresenceBusinessUnit }
                $read.Errors | Should -Not -BeNullOrEmpty
                $read.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StoreReadOnly,*'
                $read.Errors[0].Exception.Message | Should -BeLike '*needs upgrading*'
            }
            finally { Set-ItemProperty $path -Name IsReadOnly -Value $false }
        }
    }
}
