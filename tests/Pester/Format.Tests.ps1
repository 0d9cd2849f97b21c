# Pester 5. Every view in PresenceSync.Format.ps1xml, rendered in real pwsh at 120 columns from a sample
# object: column labels are property names (so Format-Table <label> shows the column), no line is
# longer than 120, no column is dropped, and UTC times say so ('yyyy-MM-dd HH:mm:ssZ'). A view
# without a sample fails: a new view needs one here.

BeforeDiscovery {
    $xml = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../src/PresenceSync.Commands/PresenceSync.Format.ps1xml'))
    $script:views = @($xml.Configuration.ViewDefinitions.View | ForEach-Object {
        @{ Name = $_.Name; TypeName = $_.ViewSelectedBy.TypeName; Table = [bool]$_.TableControl; Xml = $_.OuterXml } })
}

Describe 'Format views' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $data = Join-Path $PSScriptRoot 'TestData'
        Import-Csv (Join-Path $data 'agents.csv') | Import-PresenceAgent -ErrorAction SilentlyContinue
        Import-Csv (Join-Path $data 'directory.csv') | Import-PresenceTeamsUser -ErrorAction SilentlyContinue
        Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        New-PresenceRule -Name Calls -Row 'Inbound => Busy/InACall', 'Busy/InAMeeting => Meeting when Available,Idle' | Out-Null
        Add-PresenceRuleAssignment -Rule Calls -Default | Out-Null
        New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId 4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27 -SecretFromEnvironment -SecretExpiresUtc '2027-01-31' | Out-Null
        Set-PresenceAgentState -AgentId 1001 -State Inbound -Reason Queue7 -CallType Inbound
        Set-PresenceAgentState -AgentId 1001 -State NoSuchState -ErrorAction SilentlyContinue   # a refusal: one history entry
        $script:sampleTime = [DateTime]::SpecifyKind([DateTime]'2026-12-02T18:24:00', 'Utc')

        # An object of a module type with every auto-property filled (for outputs that need Graph or a PBX).
        function New-Sample([type] $Type) {
            $o = [System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject($Type)
            foreach ($p in $Type.GetProperties()) {
                $field = $Type.GetField("<$($p.Name)>k__BackingField", [System.Reflection.BindingFlags]'Instance,NonPublic')
                if (-not $field) { continue }
                $t = $field.FieldType
                $value = if ($t -eq [string]) { if ($p.Name -match '^(Client|Tenant|TeamsUser)Id$') { '4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27' } elseif ($p.Name -eq 'AgentId') { '1001' } else { "Sample$($p.Name)" } }
                    elseif ($t -eq [datetime] -or $t -eq [Nullable[datetime]]) { $sampleTime }
                    elseif ($t -eq [int] -or $t -eq [long] -or $t -eq [Nullable[int]] -or $t -eq [Nullable[long]]) { 42 }
                    elseif ($t -eq [bool]) { $true }
                    elseif ($t -eq [timespan] -or $t -eq [Nullable[timespan]]) { [timespan]'00:01:30' }
                    elseif ($t.IsEnum) { [Enum]::GetValues($t)[0] }
                    elseif ($t.IsAssignableFrom([string[]])) { [string[]]@('Sales', 'Support') }
                # An if-expression unrolls a string[] into object[]: make it the array the field takes again.
                if ($t.IsAssignableFrom([string[]]) -and $null -ne $value) { $value = [string[]]@($value) }
                if ($null -ne $value) { $field.SetValue($o, $value) }
            }
            $o
        }

        $script:samples = @{
            PresenceStoreInfo      = { Get-PresenceSyncStore }
            PresenceBusinessUnit   = { Get-PresenceBusinessUnit }
            PresenceAgent          = { Get-PresenceAgent }
            PresenceTeamsUser      = { Get-PresenceTeamsUser }
            PresenceUserMapping    = { Get-PresenceUserMapping }
            PresenceRule           = { Get-PresenceRule }
            PresenceRuleDetail     = { Get-PresenceRule }
            PresenceRuleRow        = { (Get-PresenceRule Calls).Rows }
            PresenceRuleAssignment = { Get-PresenceRuleAssignment }
            PresenceEffectiveRule  = { Get-PresenceAgent | Get-PresenceEffectiveRule }
            PresenceSyncApp        = { Get-PresenceSyncApp }
            AppTestReport          = { Test-PresenceSyncApp -WarningAction SilentlyContinue }
            AppCheck               = { (Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks }
            AcdEventResult         = { Set-PresenceAgentState -AgentId 1002 -State Inbound -PassThru }
            PresenceSyncStatus     = { Get-PresenceSyncStatus }
            SyncHistoryEntry       = { Get-PresenceSyncHistory }
            PresenceAgentState     = { Get-PresenceAgentState }
            RetiredCredential      = { New-Sample ([PresenceSync.Engine.Tenant.RetiredCredential]) }
            AppCredentialExpiry    = { New-Sample ([PresenceSync.Engine.Tenant.AppCredentialExpiry]) }
            DirectorySyncResult    = { New-Sample ([PresenceSync.Engine.TeamsDirectory.DirectorySyncResult]) }
            TeamsPresence          = { New-Sample ([PresenceSync.Engine.Presence.TeamsPresence]) }
            PresenceAcdChange      = { New-Sample ([PresenceSync.Engine.Sync.PresenceAcdChange]) }
            PresenceSyncAppStatus  = { New-Sample ([PresenceSync.Engine.Sync.PresenceSyncAppStatus]) }
            SourceHealth           = { New-Sample ([PresenceSync.Engine.Sync.Sources.SourceHealth]) }
            PresenceSipSource      = { New-Sample ([PresenceSync.Engine.Sip.Config.PresenceSipSource]) }
            PresenceSipTestResult  = { New-Sample ([PresenceSync.Engine.Sip.Config.PresenceSipTestResult]) }
            PresenceStoreCopy      = { New-Sample ([PresenceSync.Engine.Model.PresenceStoreCopy]) }
            PresenceSyncSummary    = { New-Sample ([PresenceSync.Engine.Sync.PresenceSyncSummary]) }
            PresenceRoutingPolicy  = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingPolicy]) }
            PresenceRoutingPolicyList = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingPolicy]) }
            PresenceRoutingRow     = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingRow]) }
            PresenceRoutingService = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingService]) }
            PresenceRoutingAssignment = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingAssignment]) }
            PresenceEffectiveRoutingPolicy = { New-Sample ([PresenceSync.Engine.Routing.PresenceEffectiveRoutingPolicy]) }
            PresenceRoutingDecision = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingDecision]) }
            PresenceRoutingDecisionList = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingDecision]) }
            PresenceRoutingChange  = { New-Sample ([PresenceSync.Engine.Routing.PresenceRoutingChange]) }
        }
    }

    AfterAll {
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    Context '<Name>' -ForEach $views {
        It 'has a sample object' {
            $samples.ContainsKey($Name) | Should -BeTrue -Because "view '$Name' needs a sample in Format.Tests.ps1"
            @(& $samples[$Name]) | Should -Not -BeNullOrEmpty
        }

        It 'labels each column with a property name, and formats UTC times with Z' {
            $type = $TypeName -as [type]
            $type | Should -Not -BeNullOrEmpty
            $view = ([xml]$Xml).View
            $names = $type.GetProperties().Name
            $labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label) + @($view.ListControl.ListEntries.ListEntry.ListItems.ListItem.Label) | Where-Object { $_ }
            foreach ($label in $labels) { $names | Should -Contain $label -Because "Format-Table $label must show the column" }
            $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
            for ($i = 0; $i -lt $items.Count; $i++) {
                if ($items[$i].PropertyName) { $view.TableControl.TableHeaders.TableColumnHeader[$i].Label | Should -Be $items[$i].PropertyName }
            }
            foreach ($item in @($items) + @($view.ListControl.ListEntries.ListEntry.ListItems.ListItem)) {
                if (-not $item.PropertyName) { continue }
                $propertyType = $type.GetProperty($item.PropertyName).PropertyType
                if ($propertyType -eq [datetime] -or $propertyType -eq [Nullable[datetime]]) {
                    $item.FormatString | Should -Be '{0:yyyy-MM-dd HH:mm:ss}Z' -Because "$($item.PropertyName) is UTC"
                }
            }
        }

        It 'renders within 120 columns, every column shown, times with Z' {
            $objects = @(& $samples[$Name])
            $text = if ($Table) { $objects | Format-Table -View $Name | Out-String -Width 120 } else { $objects | Format-List -View $Name | Out-String -Width 120 }
            $lines = $text -split '\r?\n'
            $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
            if ($Table) {
                $labels = @(([xml]$Xml).View.TableControl.TableHeaders.TableColumnHeader.Label)
                $header = $lines | Where-Object { $_ -match ('^\s*' + [regex]::Escape($labels[0]) + '\b') } | Select-Object -First 1
                foreach ($label in $labels) { $header | Should -Match ('\b' + [regex]::Escape($label) + '\b') -Because "column $label must not be dropped" }
            }
            $text | Should -Not -Match '\b\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d' -Because 'times are shown as yyyy-MM-dd HH:mm:ssZ'
            foreach ($m in [regex]::Matches($text, '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d.?')) { $m.Value | Should -Match 'Z$' }
        }
    }
}

Describe 'Test-PresenceSyncApp in the console' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'app.db')
        Remove-Item env:PRESENCESYNC_CLIENT_SECRET, env:PRESENCESYNC_CLIENT_SECRET_DEFAULT -ErrorAction Ignore
        New-PresenceSyncApp -TenantId contoso.onmicrosoft.com -ClientId 4c8e2b6a-61f0-4a3e-9b7d-0d5e8f3a1c27 -SecretFromEnvironment | Out-Null
    }
    AfterAll { Remove-Module PresenceSync -ErrorAction Ignore }

    It 'shows the Remedy of a failed check, in the report and in its checks' {
        $report = Test-PresenceSyncApp -WarningAction SilentlyContinue
        "$($report.Verdict)" | Should -Be 'Failed'
        $text = $report | Out-String -Width 120
        $text | Should -Match '\bRemedy\b'
        $text | Should -Match 'Credential: The client'   # the remedy text itself (it wraps inside its column)
        $checks = $report.Checks | Out-String -Width 120
        $checks | Should -Match '\bRemedy\b'
        $checks | Should -Match 'Give it with'
    }
}
