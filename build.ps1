<#
.SYNOPSIS
    Builds, tests, packages or cleans PresenceSync.
.DESCRIPTION
    For admins and contributors who have pwsh 7 or Windows PowerShell 5.1 and the .NET SDK.
    Build assembles the importable module in out/PresenceSync. Test runs the xunit suites and,
    where Pester 5 is installed, the Pester suite in tests/Pester against that folder. Package
    zips the module folder as out/PresenceSync-<version>.zip (the version comes from
    PresenceSync.psd1, the only place it is kept).
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'PresenceSync.sln'
$moduleFolder = Join-Path $root 'out/PresenceSync'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module assembled in $moduleFolder"
}

function Invoke-Test {
    Invoke-Build
    Invoke-Dotnet test $solution --configuration $Configuration --no-build
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0): the Pester suite was skipped.'
        return
    }
    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester tests failed." }
}

function Invoke-Package {
    Invoke-Build
    $manifest = Import-PowerShellDataFile (Join-Path $root 'PresenceSync.psd1')
    $zip = Join-Path $root "out/PresenceSync-$($manifest.ModuleVersion).zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $moduleFolder -DestinationPath $zip
    Write-Host "Packaged $zip"
}

function Invoke-Clean {
    Invoke-Dotnet clean $solution --configuration $Configuration
    foreach ($path in 'out', 'TestResults') {
        $full = Join-Path $root $path
        if (Test-Path $full) { Remove-Item $full -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
