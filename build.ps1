<#
.SYNOPSIS
    Builds, tests, packages or cleans PresenceSync.
.DESCRIPTION
    For admins and contributors with the .NET SDK. The repository pins PowerShell 7.6.9 as a local dotnet
    tool, so no separate pwsh is needed: dotnet tool restore, then dotnet pwsh ./build.ps1 (Windows
    PowerShell 5.1 and an installed pwsh 7 work too).

    Build assembles the importable module in out/PresenceSync (manifest and root module, the PowerShell 7
    loader, and the cmdlets with every dependency under bin/).

    Test builds, then runs both test suites against out/PresenceSync and writes their results to
    TestResults/: the xunit suites of PresenceSync.sln (one .trx file per test project) and the Pester suite
    in tests/Pester under Pester 5.7.1 (TestResults/Pester.xml, NUnit 3 format). Pester comes from NuGet
    (tests/Pester.Package restores it; its module is under tools/ in the package), never from the
    PowerShell Gallery, and exactly that version is imported. Both suites always run; the task fails
    when either has a failure.

    Package zips the module folder as out/PresenceSync-<version>.zip (the version comes from
    PresenceSync.psd1, the only place it is kept).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test

    The README's test command: builds, runs the xunit and Pester suites, and leaves their result files in TestResults/.
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
$results = Join-Path $root 'TestResults'
$pesterProject = Join-Path $root 'tests/Pester.Package/Pester.Package.csproj'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module assembled in $moduleFolder"
}

# The Pester the repository pins: restored from NuGet by tests/Pester.Package (its PackageDownload names the
# version), imported from the NuGet packages folder that the restore reports.
function Import-PinnedPester {
    $download = ([xml] (Get-Content -Raw $pesterProject)).Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'Pester'
    $version = $download.Version.Trim('[]')
    Invoke-Dotnet restore $pesterProject
    $assets = Get-Content -Raw (Join-Path $root 'tests/Pester.Package/obj/project.assets.json') | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $version was restored, but $manifest is missing." }
    Get-Module Pester | Remove-Module -Force
    $pester = Import-Module $manifest -Force -PassThru
    if ("$($pester.Version)" -ne $version) { throw "Imported Pester $($pester.Version) from $manifest; expected $version." }
    Write-Host "Pester $($pester.Version) from $($pester.ModuleBase)"
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $failures = @()

    & dotnet test $solution --configuration $Configuration --no-build --logger trx --results-directory $results
    if ($LASTEXITCODE -ne 0) { $failures += "xunit (dotnet test exit code $LASTEXITCODE)" }

    Import-PinnedPester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnit3'
    $config.TestResult.OutputPath = Join-Path $results 'Pester.xml'
    $pester = Invoke-Pester -Configuration $config
    if ($pester.Result -ne 'Passed') { $failures += "Pester ($($pester.FailedCount) failed, $($pester.FailedContainersCount) files failed to run)" }

    if ($failures) { throw "Tests failed: $($failures -join '; '). Results are in $results." }
    Write-Host "Both suites passed; results are in $results"
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
# Success is 0, whatever the tests did: the Pester suite runs Start-PresenceSync in this process, and an
# unattended Start-PresenceSync that fails on purpose sets the process's exit code (see about_PresenceSync).
exit 0
