<#
.SYNOPSIS
    The PresenceSync walkthrough: agents, Teams directory, mapping, rules and assignments.
.DESCRIPTION
    Runs unchanged in pwsh or Windows PowerShell after Import-Module PresenceSync. Here the ACD
    export and the directory export are inline objects; in a real setup they come from
    Import-Csv (the rows bind to the cmdlets by property name either way).
    $PresenceSyncStorePath is set by the quickstart host; in pwsh, set it yourself or leave it
    empty to use the per-user default store.
#>
if ($PresenceSyncStorePath) { Set-PresenceSyncStore -Path $PresenceSyncStorePath }
Get-PresenceSyncStore | Out-Host

'== 1. ACD agents (in pwsh: Import-Csv .\agents.csv | Import-PresenceAgent) =='
@(
    [pscustomobject]@{ AgentId = '1001'; Name = 'Alice Adams';  Email = 'alice@contoso.test';     Extension = '2001'; Team = 'Sales;Support' }
    [pscustomobject]@{ AgentId = '1002'; Name = 'Bob Brown';    Email = 'BOB.BROWN@contoso.test'; Extension = '2002'; Team = 'Sales' }
    [pscustomobject]@{ AgentId = '1003'; Name = 'Carol Chen';   Email = 'carol.alias@contoso.test'; Extension = '2003'; Team = 'Support' }
    [pscustomobject]@{ AgentId = '1004'; Name = 'Dan Dupe';     Email = 'desk@contoso.test';      Extension = '2004'; Team = 'Support' }
    [pscustomobject]@{ AgentId = '1005'; Name = 'Erin Evans';   Email = 'erin@contoso.test';      Extension = '2005'; Team = 'Vip' }
    [pscustomobject]@{ AgentId = '';     Name = 'No Id';        Email = 'noid@contoso.test';      Extension = '2006'; Team = 'Sales' }
) | Import-PresenceAgent -PassThru -ErrorVariable importErrors -ErrorAction SilentlyContinue | Out-Host
$importErrors | ForEach-Object { "  refused: $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }

'== 2. Teams directory (in pwsh: Import-Csv .\directory.csv | Import-PresenceTeamsUser) =='
@(
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000001'; UserPrincipalName = 'alice@contoso.test'; Mail = 'alice@contoso.test'; DisplayName = 'Alice Adams' }
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000002'; UserPrincipalName = 'bob@contoso.test'; Mail = 'bob.brown@contoso.test'; DisplayName = 'Bob Brown' }
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000003'; UserPrincipalName = 'carol@contoso.test'; ProxyAddresses = 'SMTP:carol@contoso.test;smtp:carol.alias@contoso.test'; DisplayName = 'Carol Chen' }
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000004'; UserPrincipalName = 'dan@contoso.test'; ProxyAddresses = 'smtp:desk@contoso.test'; DisplayName = 'Dan Dupe' }
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000005'; UserPrincipalName = 'frontdesk@contoso.test'; ProxyAddresses = 'smtp:desk@contoso.test'; DisplayName = 'Front Desk' }
    [pscustomobject]@{ Id = '5e0c1a10-0000-4000-8000-000000000006'; UserPrincipalName = 'erin@contoso.test'; DisplayName = 'Erin Evans' }
) | Import-PresenceTeamsUser -PassThru | Out-Host

'== 3. Dry run of the auto-mapping (-WhatIf changes nothing) =='
Add-PresenceUserMapping -Auto -WhatIf -ErrorVariable dryErrors -ErrorAction SilentlyContinue
$dryErrors | ForEach-Object { "  would not map: $($_.FullyQualifiedErrorId.Split(',')[0]) ($($_.TargetObject))" }

'== 4. Auto-mapping: unique e-mail matches are mapped, ambiguous ones reported =='
Add-PresenceUserMapping -Auto -ErrorVariable mapErrors -ErrorAction SilentlyContinue | Out-Host
$mapErrors | ForEach-Object { "  not mapped: $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }

'== 5. The ambiguous agent is mapped by hand; auto-mapping never touches it again =='
Add-PresenceUserMapping -AgentId 1004 -TeamsUser dan@contoso.test | Out-Host
'   Agents still without a Teams user:'
Get-PresenceUserMapping -Unmapped | Out-Host

'== 6. Rules as code =='
New-PresenceRule -Name ContactCenter -Description 'Calls show in Teams; meetings pause idle agents' -Row @(
    'Inbound => Busy/InACall'
    'Outbound => Busy/InACall'
    'Conference => Busy/InAConferenceCall'
    'LoggedOut => Clear'
    'Available => Clear'
    'Busy/InAMeeting => Meeting when Available,Idle'
    'DoNotDisturb/Presenting => Meeting when Available,Idle'
) | Out-Host
New-PresenceRule -Name Vip -ManualStatusPolicy Override -ManualOverrideDuration 00:30:00 -Row 'Inbound => DoNotDisturb/Presenting', 'LoggedOut => Clear' | Out-Host
(Get-PresenceRule ContactCenter).Rows | Out-Host

'   Rows that would ping-pong between the ACD and Teams are refused, with the cycle named:'
New-PresenceRule -Name Loop -Row 'Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready' -ErrorVariable loopErrors -ErrorAction SilentlyContinue
$loopErrors | ForEach-Object { "  refused: $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }
'   So are Teams states Graph cannot set:'
New-PresenceRule -Name Meeting -Row 'Meeting => Busy/InAMeeting' -ErrorVariable setErrors -ErrorAction SilentlyContinue
$setErrors | ForEach-Object { "  refused: $($_.FullyQualifiedErrorId.Split(',')[0])" }

'== 7. Assignments: the unit default, a team, and who gets what =='
@(
    Add-PresenceRuleAssignment -Rule ContactCenter -Default
    Add-PresenceRuleAssignment -Rule Vip -AcdTeam Vip
) | Out-Host
Get-PresenceAgent | Get-PresenceEffectiveRule | Out-Host
