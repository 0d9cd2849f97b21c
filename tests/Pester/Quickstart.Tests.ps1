# Pester 5. quickstart.ps1 says it runs unchanged against a real tenant: so it must touch only what it
# made (Quickstart-* rules and their assignments) and never replace an app the unit has.

Describe 'quickstart.ps1 on a real tenant' {
    BeforeAll {
        $script:code = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/PresenceSync.Quickstart/Scripts/quickstart.ps1')
        $script:ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $null, [ref] $null)
        $script:commands = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
    }

    It 'never replaces an app with -Force' {
        $commands | Where-Object { $_.GetCommandName() -eq 'New-PresenceSyncApp' -and $_.Extent.Text -match '-Force\b' } | Should -BeNullOrEmpty
    }

    It 'removes only Quickstart-* rules and assignments' {
        $pipelines = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineAst] }, $true) |
            Where-Object { $_.Extent.Text -match 'Remove-PresenceRule(Assignment)?\b' }
        $pipelines | Should -Not -BeNullOrEmpty
        foreach ($pipeline in $pipelines) { $pipeline.Extent.Text | Should -Match "-Like 'Quickstart-\*'" }
    }

    It 'names its rule with the Quickstart- prefix and sets the default only when there is none' {
        $code | Should -Match "\`$rule = 'Quickstart-"
        $code | Should -Match 'Where-Object Scope -EQ Default'
    }
}
