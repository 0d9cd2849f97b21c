# Pester 5. What the cmdlets output survives ConvertTo-Json | ConvertFrom-Json at the default depth:
# piped back into the New- (or Import-, Add-) cmdlet it makes the same object, and enum values are
# names, never numbers.

Describe 'JSON round trips' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $data = Join-Path $PSScriptRoot 'TestData'
        Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
        Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -ErrorAction SilentlyContinue
        New-PresenceBusinessUnit -Name Copy | Out-Null

        # Through JSON at the default depth (2), as `ConvertTo-Json` with no -Depth does.
        function Through-Json { param([Parameter(ValueFromPipeline)] $InputObject) begin { $all = @() } process { $all += $InputObject } end { $all | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json } }
        function Rule-Text($Rule) { ($Rule.Rows | ForEach-Object { $_.ToString() }) -join ' | ' }
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    It 'keeps a rule and its guards (when Available,Idle) into New-PresenceRule' {
        $rule = New-PresenceRule -Name Contact -Row 'Inbound => Busy/InACall', 'Busy/InAMeeting => Meeting when Available,Idle', 'Break => Preferred:BeRightBack/BeRightBack', 'LoggedOut => Clear' `
            -ManualStatusPolicy Override -ManualOverrideDuration 00:20:00 -InternalCalls Apply -Description 'the contact center'
        $copy = $rule | Through-Json | New-PresenceRule -BusinessUnit Copy
        Rule-Text $copy | Should -Be (Rule-Text $rule)
        $copy.Rows[1].OnlyWhenAcdState | Should -Be @('Available', 'Idle')
        $copy.ManualStatusPolicy | Should -Be 'Override'
        $copy.ManualOverrideDuration | Should -Be ([TimeSpan]'00:20:00')
        $copy.InternalCalls | Should -Be 'Apply'
        $copy.Description | Should -Be 'the contact center'
    }

    It 'keeps every rule of a unit through Get-PresenceRule | ConvertTo-Json' {
        New-PresenceRule -Name Second -Row 'Available <=> Available/Available', 'DoNotDisturb/* => Meeting when Available' | Out-Null
        $copies = Get-PresenceRule | Through-Json | New-PresenceRule -BusinessUnit Other -ErrorAction SilentlyContinue -ErrorVariable err
        # Unit 'Other' does not exist: refused with a clear error, never half-made.
        $err | Should -Not -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BusinessUnitNotFound*'
        New-PresenceBusinessUnit -Name Other | Out-Null
        $copies = Get-PresenceRule | Through-Json | New-PresenceRule -BusinessUnit Other
        foreach ($name in 'Contact', 'Second') {
            Rule-Text (Get-PresenceRule -Name $name -BusinessUnit Other) | Should -Be (Rule-Text (Get-PresenceRule -Name $name))
        }
    }

    It 'refuses a row whose text was lost, rather than guessing' {
        $flattened = [pscustomobject]@{ Name = 'Broken'; Rows = @([pscustomobject]@{ Direction = 'Sideways'; AcdState = 'Inbound'; Teams = 'Busy/InACall' }) }
        $flattened | New-PresenceRule -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRuleRow*'
    }

    It 'keeps agents into Import-PresenceAgent' {
        $agents = Get-PresenceAgent
        $agents | Through-Json | Import-PresenceAgent -BusinessUnit Copy
        $copies = Get-PresenceAgent -BusinessUnit Copy
        $copies | Should -HaveCount $agents.Count
        foreach ($agent in $agents) {
            $copy = $copies | Where-Object AgentId -EQ $agent.AgentId
            $copy.Name | Should -Be $agent.Name
            $copy.Email | Should -Be $agent.Email
            $copy.Extension | Should -Be $agent.Extension
            @($copy.Teams) | Should -Be @($agent.Teams)
        }
    }

    It 'keeps mappings into Add-PresenceUserMapping' {
        Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $mappings = Get-PresenceUserMapping
        $mappings | Should -Not -BeNullOrEmpty
        $json = $mappings | Through-Json
        $mappings | Remove-PresenceUserMapping -Confirm:$false
        $json | Add-PresenceUserMapping
        (Get-PresenceUserMapping | ForEach-Object { "$($_.AgentId)=$($_.UserPrincipalName)" }) -join ',' | Should -Be (($mappings | ForEach-Object { "$($_.AgentId)=$($_.UserPrincipalName)" }) -join ',')
        @($json.Source) | Should -Not -Contain 0
        $json[0].Source | Should -BeOfType [string]
        $json[0].MatchedOn | Should -BeOfType [string]
    }

    It 'keeps rule assignments readable (Scope as a name)' {
        Add-PresenceRuleAssignment -Rule Contact -Default | Out-Null
        Add-PresenceRuleAssignment -Rule Second -AcdTeam Sales -Priority 5 | Out-Null
        $json = Get-PresenceRuleAssignment | Through-Json
        @($json.Scope) | Sort-Object | Should -Be @('Default', 'Team')
        ($json | Where-Object Scope -EQ Team).Subject | Should -Be 'Sales'
    }

    It 'keeps an app into New-PresenceSyncApp' {
        $app = New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId 4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27 -SecretFromEnvironment -SecretExpiresUtc '2027-01-31'
        $json = $app | Through-Json
        $json.CredentialType | Should -Be 'ClientSecret'
        $json.SecretStorage | Should -Be 'Environment'
        $copy = $json | New-PresenceSyncApp -BusinessUnit Copy -SecretFromEnvironment
        $copy.TenantId | Should -Be $app.TenantId
        $copy.ClientId | Should -Be $app.ClientId
        $copy.CredentialType | Should -Be $app.CredentialType
    }

    It 'gives no output type an enum-typed property, so no JSON holds an enum number' {
        $seen = @{}
        $queue = [System.Collections.Generic.Queue[type]]::new()
        Get-Command -Module PresenceSync | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ } | ForEach-Object { $queue.Enqueue($_) }
        $enums = while ($queue.Count) {
            $type = $queue.Dequeue()
            if ($seen[$type.FullName]) { continue }
            $seen[$type.FullName] = $true
            foreach ($property in $type.GetProperties()) {
                $t = $property.PropertyType
                if ($t.IsArray) { $t = $t.GetElementType() } elseif ($t.IsGenericType) { $t = $t.GetGenericArguments()[-1] }
                if ([Nullable]::GetUnderlyingType($t)) { $t = [Nullable]::GetUnderlyingType($t) }
                if ($t.IsEnum) { '{0}.{1}' -f $type.Name, $property.Name }
                elseif ($t.Namespace -like 'PresenceSync*') { $queue.Enqueue($t) }
            }
        }
        $seen.Count | Should -BeGreaterThan 10
        $enums | Should -BeNullOrEmpty
    }

    It 'writes names, not numbers, for the state-like properties of each output' {
        $outputs = @(Get-PresenceRule) + @(Get-PresenceRule | ForEach-Object Rows) + @(Get-PresenceUserMapping) + @(Get-PresenceRuleAssignment) +
            @(Get-PresenceSyncApp) + @(Get-PresenceAgent | Get-PresenceEffectiveRule) + @(Test-PresenceSyncApp -WarningAction SilentlyContinue)
        foreach ($output in $outputs) {
            $json = $output | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
            $json | Should -Not -Match '"(Scope|Source|MatchedOn|Direction|Kind|Status|Verdict|CredentialType|SecretStorage|CredentialExpirySource|ManualStatusPolicy|InternalCalls|Transport|PasswordStorage)":\s*\d' -Because "$($output.GetType().Name) must serialize its enums as names"
        }
    }
}
