using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>The hosted engine is real PowerShell, and the module loads in it as in pwsh.</summary>
    public class HostedEngineTests : ModuleTestBase
    {
        [Fact]
        public void The_utility_cmdlets_are_PowerShells_own()
        {
            var sources = Ps.Run("(Get-Command Import-Csv, ConvertFrom-Json, ConvertTo-Json, Select-Object, Where-Object, Add-Type).Source").ThrowOnError()
                .Output.Select(o => (string)o.BaseObject).ToList();

            Assert.Equal(new[] { "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Utility",
                "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Core", "Microsoft.PowerShell.Utility" }, sources);
        }

        [Fact]
        public void The_dependencies_load_in_the_modules_own_context_and_its_types_resolve_by_name()
        {
            ImportSamples();
            Ps.Run("New-PresenceSyncApp -TenantId contoso.test -ClientId 5e0c1a10-0000-4000-8000-000000000001 -SecretFromEnvironment | Out-Null").ThrowOnError();
            var result = Ps.Run(@"
                $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies.GetName().Name
                $module = ([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'PresenceSync').Assemblies.GetName().Name
                foreach ($name in 'PresenceSync.Engine', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core') {
                    '{0}: default={1} module={2}' -f $name, ($default -contains $name), ($module -contains $name)
                }
                'typed: ' + ((Get-PresenceAgent | Select-Object -First 1) -is [PresenceSync.Engine.Model.PresenceAgent])").ThrowOnError();

            Assert.Equal(new[]
            {
                "PresenceSync.Engine: default=False module=True",
                "Microsoft.Data.Sqlite: default=False module=True",
                "SQLitePCLRaw.core: default=False module=True",
                "typed: True",
            }, result.Output.Select(o => o.ToString()));
        }
    }
}
