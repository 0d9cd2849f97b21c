# Pester 5. Every exported cmdlet has real help (en-US/PresenceSync.Commands.dll-Help.xml, copied into
# out/PresenceSync/en-US by the build) and declares its output type.

BeforeDiscovery {
    $manifestPath = Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1'
    $cmdlets = @((Import-PowerShellDataFile -Path $manifestPath).CmdletsToExport)
}

Describe 'Help and metadata' {
    AfterAll {
        # Pooled SQLite connections keep the store files open; removing the module releases them so that
        # Pester can remove TestDrive (on Windows an open file cannot be deleted).
        Remove-Module PresenceSync -ErrorAction Ignore
    }

    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1'
        Import-Module $manifestPath -Force
        Set-PresenceSyncStore -Path (Join-Path $TestDrive 'store.db')
        $exported = @((Get-Module PresenceSync).ExportedCmdlets.Keys)
        $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
    }

    It 'exports exactly the cmdlets the manifest names' {
        $manifest = Import-PowerShellDataFile -Path $manifestPath
        @($exported | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has an about topic' {
        $about = Get-Help about_PresenceSync
        "$about" | Should -BeLike '*PRESENCESYNC_STORE*'
        "$about" | Should -BeLike '*OscillatingRule*'
        "$about" | Should -BeLike '*CONNECTING A TENANT*'
        "$about" | Should -BeLike '*PRESENCESYNC_CLIENT_SECRET*'
        "$about" | Should -BeLike '*GraphPermissionMissing*'
        "$about" | Should -BeLike '*THE SYNC*'
        "$about" | Should -BeLike '*X-PresenceSync-Signature*'
        "$about" | Should -BeLike '*SyncAlreadyRunning*'
        "$about" | Should -Not -BeLike '*ClientSecretNotProtectable*'
    }

    Context '<_>' -ForEach $cmdlets {
        BeforeAll {
            $name = $_
            $command = Get-Command -Name $name -Module PresenceSync
            $help = Get-Help -Name $name -Full
        }

        It 'is exported' {
            $exported | Should -Contain $name
        }

        It 'has a synopsis written for it' {
            "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
            # Without MAML help, PowerShell makes the synopsis from the syntax: "Verb-Noun [-Param] ...".
            "$($help.Synopsis)".Trim() | Should -Not -BeLike "$name *"
            $help.details.name | Should -Be $name
        }

        It 'has a description' {
            @($help.description | Where-Object { "$($_.Text)".Trim() }) | Should -Not -BeNullOrEmpty
        }

        It 'has at least two examples, each with code that uses the cmdlet and remarks' {
            $examples = @($help.examples.example | Where-Object { $_ })
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($example in $examples) {
                $example.code | Should -BeLike "*$name*"
                "$($example.remarks.Text)".Trim() | Should -Not -BeNullOrEmpty
            }
        }

        It 'describes every parameter' {
            $documented = @($help.parameters.parameter | ForEach-Object { $_.name })
            $visible = @($command.Parameters.Values | Where-Object {
                    $common -notcontains $_.Name -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
                } | ForEach-Object { $_.Name })
            foreach ($parameter in $visible) {
                $documented | Should -Contain $parameter -Because "-$parameter of $name needs help"
                $entry = $help.parameters.parameter | Where-Object { $_.name -eq $parameter }
                "$($entry.description.Text)".Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $name needs a description"
            }
        }

        It 'gives each parameter the required, position, pipeline input and aliases the cmdlet declares' {
            foreach ($entry in @($help.parameters.parameter | Where-Object { $command.Parameters.ContainsKey($_.name) })) {
                $declared = @($command.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object { $_.Name -eq $entry.name })
                $because = "-$($entry.name) of $name is declared so"
                $required = -not ($declared | Where-Object { -not $_.IsMandatory })
                "$($entry.required)" | Should -Be "$required".ToLowerInvariant() -Because $because
                $positions = @($declared | Where-Object { $_.Position -ge 0 } | ForEach-Object { "$($_.Position)" })
                "$($entry.position)" | Should -Be $(if ($positions) { $positions[0] } else { 'named' }) -Because $because
                $kinds = @(if ($declared | Where-Object { $_.ValueFromPipelineByPropertyName }) { 'ByPropertyName' }
                    if ($declared | Where-Object { $_.ValueFromPipeline }) { 'ByValue' })
                "$($entry.pipelineInput)" | Should -Be $(if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }) -Because $because
                $aliases = @($declared[0].Aliases)
                "$($entry.aliases)" | Should -Be $(if ($aliases) { $aliases -join ', ' } else { 'none' }) -Because $because
            }
        }

        It 'has a syntax entry per parameter set' {
            @($help.syntax.syntaxItem) | Should -HaveCount @($command.ParameterSets).Count
        }

        It 'declares an OutputType, and the help names it' {
            $outputTypes = @($command.OutputType | ForEach-Object { $_.Name })
            $outputTypes | Should -Not -BeNullOrEmpty
            $documentedTypes = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
            foreach ($type in $outputTypes | Where-Object { $_ -ne 'System.Void' }) {
                $documentedTypes | Should -Contain $type
            }
        }
    }
}
