# PresenceSync's root module: chooses how the cmdlets load. It must stay valid Windows PowerShell 5.1.
#
# PowerShell 7.4 and later: the loader puts the cmdlets, the engine and every dependency (Microsoft.Graph,
# Kiota, Azure.Identity, Azure.Core, MSAL, SQLite ...) in a load context of the module's own, so other
# modules' versions of those assemblies (Microsoft.Graph, Az.Accounts) never clash with the module's.
# Windows PowerShell 5.1 (and PowerShell before 7.4): .NET Framework has no load contexts; the cmdlets
# load from bin/ and answer only their own assembly requests (see about_PresenceSync, DEPENDENCIES).

$bin = Join-Path $PSScriptRoot 'bin'
if ($PSVersionTable.PSEdition -eq 'Core' -and [System.Environment]::Version.Major -ge 8) {
    # One loader per process; a second import (another runspace, -Force) reuses what it loaded.
    if (-not ('PresenceSync.Loader.ModuleLoadContext' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'PresenceSync.Loader.dll')
    }
    $assemblies = [PresenceSync.Loader.ModuleLoadContext]::Initialize($bin)
    # The engine has no cmdlets: importing it makes its types ([PresenceSync.Engine.Model.PresenceAgent] ...)
    # resolvable by name, which PowerShell does only for the default load context and imported modules.
    Import-Module -Assembly $assemblies.Engine
    # A second import of the same assembly object (Import-Module -Force, or after Remove-Module) finds it in
    # PowerShell's cache and leaves its cmdlets out of this module (PowerShell issue 20710); importing the
    # module object it returns brings them in, on the first import and on every later one.
    Import-Module (Import-Module -Assembly $assemblies.Commands -PassThru)
}
else {
    Import-Module (Join-Path $bin 'PresenceSync.Commands.dll')
}
