#
# PresenceSync module manifest. The module version is kept here and only here: the build reads it
# for the assembly versions and the package.
#
@{
    RootModule           = 'PresenceSync.psm1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f7d3c52-9a61-4b7e-8d0e-3f1c2b9a5e47'
    Author               = 'PresenceSync contributors'
    CompanyName          = 'PresenceSync'
    Copyright            = '(c) PresenceSync contributors. MIT License.'
    Description          = 'Keeps presence in sync between a contact center or PBX (ACD) and Microsoft Teams through Microsoft Graph: agents, Teams users, mappings and rules as code, from PowerShell.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('PresenceSync.Format.ps1xml')
    CmdletsToExport      = @(
        'Set-PresenceSyncStore'
        'Get-PresenceSyncStore'
        'Copy-PresenceSyncStore'
        'New-PresenceBusinessUnit'
        'Get-PresenceBusinessUnit'
        'Remove-PresenceBusinessUnit'
        'Import-PresenceAgent'
        'Get-PresenceAgent'
        'Get-PresenceAgentState'
        'Remove-PresenceAgent'
        'Import-PresenceTeamsUser'
        'Get-PresenceTeamsUser'
        'Add-PresenceUserMapping'
        'Set-PresenceUserMapping'
        'Get-PresenceUserMapping'
        'Remove-PresenceUserMapping'
        'New-PresenceRule'
        'Get-PresenceRule'
        'Set-PresenceRule'
        'Remove-PresenceRule'
        'Add-PresenceRuleAssignment'
        'Remove-PresenceRuleAssignment'
        'Get-PresenceRuleAssignment'
        'Get-PresenceEffectiveRule'
        'New-PresenceSyncApp'
        'Get-PresenceSyncApp'
        'Set-PresenceSyncApp'
        'Remove-PresenceSyncApp'
        'Test-PresenceSyncApp'
        'Sync-PresenceTeamsUser'
        'Get-PresenceTeamsPresence'
        'Set-PresenceTeamsPresence'
        'Set-PresenceAgentState'
        'Start-PresenceSync'
        'Stop-PresenceSync'
        'Get-PresenceSyncStatus'
        'Get-PresenceSyncHistory'
        'New-PresenceSipSource'
        'Get-PresenceSipSource'
        'Set-PresenceSipSource'
        'Remove-PresenceSipSource'
        'Test-PresenceSipSource'
        'New-PresenceRoutingPolicy'
        'Get-PresenceRoutingPolicy'
        'Set-PresenceRoutingPolicy'
        'Remove-PresenceRoutingPolicy'
        'New-PresenceRoutingService'
        'Get-PresenceRoutingService'
        'Set-PresenceRoutingService'
        'Remove-PresenceRoutingService'
        'Add-PresenceRoutingAssignment'
        'Get-PresenceRoutingAssignment'
        'Remove-PresenceRoutingAssignment'
        'Get-PresenceEffectiveRoutingPolicy'
        'Get-PresenceRoutingDecision'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Teams', 'Presence', 'MicrosoftGraph', 'ContactCenter', 'ACD', 'PBX', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/presencesync/PresenceSync'
        }
    }
}
