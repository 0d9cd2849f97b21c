# Pester 5. The published repository stands on its own: no file points a reader at notes that are not
# in it (the Graph facts the emulator enforces live in src/PresenceSync.Emulator/README.md).

Describe 'Repository references' {
    BeforeAll {
        $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $script:files = Get-ChildItem $root -Recurse -File -Include *.cs, *.md, *.ps1, *.psm1, *.psd1, *.xml, *.txt, *.ps1xml, *.csproj, *.props, *.targets, *.json |
            Where-Object { $_.FullName.Substring($root.Length) -notmatch '[\\/](bin|obj|out|TestResults|\.git)[\\/]' -and $_.Name -ne 'Repository.Tests.ps1' }
    }

    It 'cites no Graph facts file outside the repository (graph-presence.md, ../shared)' {
        $hits = $files | Select-String -Pattern 'graph-presence\.md', '\.\./shared', '/work/shared' -SimpleMatch |
            ForEach-Object { '{0}:{1}: {2}' -f $_.Path.Substring($root.Length), $_.LineNumber, $_.Line.Trim() }
        $hits | Should -BeNullOrEmpty
    }

    It 'keeps the Graph facts the emulator enforces in the emulator''s README' {
        $readme = Get-Content -Raw (Join-Path $root 'src/PresenceSync.Emulator/README.md')
        $readme | Should -Match '(?m)^## Graph facts'
        $readme | Should -Match '(?m)^## What is enforced'
        $readme | Should -Match 'learn\.microsoft\.com'
    }
}
