# Pester 5 (5.1 or later: data-driven -ForEach).
# New-, Get-, Set- and Remove-PresenceRule: the row syntax and the checks made when rows are written.

Describe 'Rules' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')

        function Get-RuleText([string] $Name, [string] $BusinessUnit = 'Default') {
            @((Get-PresenceRule -Name $Name -BusinessUnit $BusinessUnit).Rows | ForEach-Object { $_.ToString() }) -join ' | '
        }
    }

    BeforeEach {
        Set-PresenceSyncStore -Path (Join-Path $TestDrive ('{0}.db' -f [guid]::NewGuid().ToString('N')))
    }

    Context 'Valid rows' {
        It 'creates a rule from text rows in every direction' {
            $rule = New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'LoggedOut => Clear', 'Busy/InAMeeting => Meeting when Available,Idle', 'Available <=> Available/Available'
            $rule | Should -BeOfType ([PresenceSync.Engine.Model.PresenceRule])
            $rule.Rows | Should -HaveCount 4
            ($rule.Rows.Direction -join ',') | Should -Be 'ToTeams,ToTeams,ToAcd,Both'
            $rule.Rows[0].Target.Kind | Should -Be 'Session'
            $rule.Rows[1].Target.Kind | Should -Be 'ClearSession'
            $rule.Rows[2].OnlyWhenAcdState | Should -Be @('Available', 'Idle')
            Get-RuleText Inbound | Should -Be 'Inbound => Busy/InACall | LoggedOut => Clear | Busy/InAMeeting => Meeting when Available,Idle | Available <=> Available/Available'
        }

        It 'takes hashtable rows, and Preferred: targets go to the preferred layer' {
            $rule = New-PresenceRule -Name Breaks -Row @(
                @{ AcdState = 'Break'; Teams = 'Preferred:BeRightBack/BeRightBack' }
                @{ AcdState = 'Unavailable'; Teams = 'DoNotDisturb/*'; Direction = 'ToAcd'; OnlyWhenAcdState = 'Available' }
            )
            $rule.Rows[0].Target.Kind | Should -Be 'Preferred'
            $rule.Rows[1].Direction | Should -Be 'ToAcd'
            Get-RuleText Breaks | Should -Be 'Break => Preferred:BeRightBack/BeRightBack | DoNotDisturb/* => Unavailable when Available'
        }

        It 'writes a pair only setUserPreferredPresence accepts into the preferred layer without being told' {
            (New-PresenceRule -Name Busy -Row 'Inbound => Busy/Busy').Rows[0].Target.Kind | Should -Be 'Preferred'
        }

        It 'accepts wildcards on the Teams side of rows towards the ACD' {
            Get-RuleText -Name (New-PresenceRule -Name Calls -Row 'Busy/InA* => OnCall').Name | Should -Be 'Busy/InA* => OnCall'
            Get-RuleText -Name (New-PresenceRule -Name Meetings -Row 'Busy/InA[CM]* => Engaged').Name | Should -Be 'Busy/InA[CM]* => Engaged'
            (Get-PresenceRule -Name '[CM]*').Name | Should -Be @('Calls', 'Meetings')
        }

        It 'stores the policies, with their defaults' {
            $default = New-PresenceRule -Name Plain -Row 'Inbound => Busy/InACall'
            $default.ManualStatusPolicy | Should -Be 'Respect'
            $default.ManualOverrideDuration | Should -Be ([timespan]::FromHours(1))
            $default.InternalCalls | Should -Be 'Ignore'
            $custom = New-PresenceRule -Name Strict -Row 'Inbound => Busy/InACall' -ManualStatusPolicy Override -ManualOverrideDuration '00:30:00' -InternalCalls Apply -Description 'Overrides'
            $custom.ManualStatusPolicy | Should -Be 'Override'
            $custom.ManualOverrideDuration | Should -Be ([timespan]::FromMinutes(30))
            $custom.InternalCalls | Should -Be 'Apply'
            $custom.Description | Should -Be 'Overrides'
        }
    }

    Context 'Refused rows' {
        It 'refuses <Case> with <ErrorId> and stores nothing' -ForEach @(
            @{ Case = 'a target Graph cannot set'; Rows = @('Inbound => Busy/InAMeeting'); ErrorId = 'UnsettableTeamsTarget' }
            @{ Case = 'a Preferred: pair setUserPreferredPresence refuses'; Rows = @('Inbound => Preferred:Busy/InACall'); ErrorId = 'UnsettableTeamsTarget' }
            @{ Case = 'a wildcard in a target'; Rows = @('Inbound => Busy/In*'); ErrorId = 'UnsettableTeamsTarget' }
            @{ Case = 'an unknown activity'; Rows = @('Inbound => Busy/OnThePhone'); ErrorId = 'UnknownTeamsState' }
            @{ Case = 'an unknown availability towards the ACD'; Rows = @('Bussy/InACall => OnCall'); ErrorId = 'UnknownTeamsState' }
            @{ Case = 'a row without arrow'; Rows = @('Inbound Busy/InACall'); ErrorId = 'InvalidRuleRow' }
            @{ Case = 'a row without Teams side'; Rows = @('Inbound => OnCall'); ErrorId = 'InvalidRuleRow' }
            @{ Case = 'a guard on a row towards Teams'; Rows = @('Inbound => Busy/InACall when Idle'); ErrorId = 'InvalidRuleRow' }
            @{ Case = 'Clear both ways'; Rows = @('LoggedOut <=> Clear'); ErrorId = 'InvalidRuleRow' }
            @{ Case = 'two targets for one ACD state'; Rows = @('Inbound => Busy/InACall', 'Inbound => Away/Away'); ErrorId = 'ConflictingRuleRows' }
            @{ Case = 'rows that ping-pong'; Rows = @('Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready'); ErrorId = 'OscillatingRule' }
        ) {
            $rule = New-PresenceRule -Name Refused -Row $Rows -ErrorVariable err -ErrorAction SilentlyContinue
            $rule | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
            Get-PresenceRule | Should -BeNullOrEmpty
        }

        It 'spells out the ping-pong cycle' {
            New-PresenceRule -Name Loop -Row 'Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Message | Should -BeLike "*ACD 'Ready' => Teams Available/Available => ACD 'Idle' => Teams Away/Away => ACD 'Ready'*"
        }

        It 'accepts the same rows once a guard breaks the cycle' {
            $rule = New-PresenceRule -Name Guarded -Row 'Ready => Available/Available', 'Available/Available => Idle when Wrapup', 'Idle => Away/Away', 'Away/Away => Ready'
            $rule.Rows | Should -HaveCount 4
        }

        It 'refuses an override duration outside 5 minutes to 1 day' {
            New-PresenceRule -Name Short -Row 'Inbound => Busy/InACall' -ManualOverrideDuration '00:01:00' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidOverrideDuration*'
        }

        It 'refuses a second rule with the same name with RuleExists' {
            New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall' | Out-Null
            New-PresenceRule -Name inbound -Row 'Inbound => Away/Away' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RuleExists*'
            Get-RuleText Inbound | Should -Be 'Inbound => Busy/InACall'
        }
    }

    Context 'Changing, copying and removing rules' {
        BeforeEach {
            New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'LoggedOut => Clear' | Out-Null
        }

        It 'replaces all rows with Set-PresenceRule -Row' {
            Set-PresenceRule -Name Inbound -Row 'Outbound => Busy/InACall'
            Get-RuleText Inbound | Should -Be 'Outbound => Busy/InACall'
        }

        It 'appends a row to the rows Get-PresenceRule returned' {
            $rule = Get-PresenceRule -Name Inbound
            $changed = Set-PresenceRule -Name Inbound -Row (@($rule.Rows) + 'Wrapup => DoNotDisturb/Presenting') -PassThru
            $changed.Rows | Should -HaveCount 3
        }

        It 'leaves the rule as it was when the new rows are refused' {
            Set-PresenceRule -Name Inbound -Row 'Inbound => Busy/InAMeeting' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsettableTeamsTarget*'
            Get-RuleText Inbound | Should -Be 'Inbound => Busy/InACall | LoggedOut => Clear'
            Set-PresenceRule -Name Inbound -Row @() -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].FullyQualifiedErrorId | Should -BeLike 'RuleHasNoRows*'
        }

        It 'renames a rule and changes its policies without touching its rows' {
            Set-PresenceRule -Name Inbound -NewName Calls -ManualStatusPolicy Override
            $rule = Get-PresenceRule -Name Calls
            $rule.ManualStatusPolicy | Should -Be 'Override'
            Get-RuleText Calls | Should -Be 'Inbound => Busy/InACall | LoggedOut => Clear'
            Get-PresenceRule -Name Inbound -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound*'
        }

        It 'copies rules to another business unit through the pipeline' {
            New-PresenceRule -Name Breaks -Row @{ AcdState = 'Break'; Teams = 'Preferred:BeRightBack/BeRightBack' } -ManualStatusPolicy Override | Out-Null
            New-PresenceBusinessUnit -Name A | Out-Null
            New-PresenceBusinessUnit -Name B | Out-Null
            Get-PresenceRule | New-PresenceRule -BusinessUnit A | Out-Null
            $copies = Get-PresenceRule -BusinessUnit A | New-PresenceRule -BusinessUnit B
            $copies | Should -HaveCount 2
            $copies[0].BusinessUnit | Should -Be 'B'
            Get-RuleText -Name Breaks -BusinessUnit B | Should -Be (Get-RuleText -Name Breaks)
            (Get-PresenceRule -Name Breaks -BusinessUnit B).ManualStatusPolicy | Should -Be 'Override'
        }

        It 'refuses to remove an assigned rule without -Force, and removes its assignments with -Force' {
            Add-PresenceRuleAssignment -Rule Inbound -Default | Out-Null
            Remove-PresenceRule -Name Inbound -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RuleInUse*'
            Get-PresenceRule -Name Inbound | Should -Not -BeNullOrEmpty
            Remove-PresenceRule -Name Inbound -Force
            Get-PresenceRule | Should -BeNullOrEmpty
            Get-PresenceRuleAssignment | Should -BeNullOrEmpty
        }

        It 'removes rules piped from Get-PresenceRule' {
            New-PresenceRule -Name Trial1 -Row 'Inbound => Busy/InACall' | Out-Null
            New-PresenceRule -Name Trial2 -Row 'Inbound => Busy/InACall' | Out-Null
            Get-PresenceRule -Name 'Trial*' | Remove-PresenceRule
            (Get-PresenceRule).Name | Should -Be 'Inbound'
        }
    }
}
