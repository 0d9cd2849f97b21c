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

Describe 'quickstart.ps1 ends with what to do next' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/PresenceSync/PresenceSync.psd1') -Force
        $script:code = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/PresenceSync.Quickstart/Scripts/quickstart.ps1')
    }
    AfterAll { Remove-Module PresenceSync -ErrorAction Ignore }

    It 'prints a closing "What next" whose commands all exist' {
        $index = $code.LastIndexOf('== What next ==')
        $index | Should -BeGreaterThan 0
        $next = $code.Substring($index)
        $named = [regex]::Matches($next, "'\s*([A-Z][a-z]+-[A-Za-z]+)") | ForEach-Object { $_.Groups[1].Value }
        $named.Count | Should -BeGreaterOrEqual 4
        foreach ($command in $named) { Get-Command $command -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "$command is suggested" }
    }
}
