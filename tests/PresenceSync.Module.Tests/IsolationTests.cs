using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// PresenceSync in one pwsh session with other versions of its dependencies, as Az.Accounts or the
    /// Microsoft.Graph PowerShell SDK bring them (Azure.Core 1.38.0, Microsoft.Identity.Client 4.60.4,
    /// Microsoft.Graph.Core 4.0.1, restored by this project's PackageDownload items): whichever loads
    /// first, PresenceSync syncs against the emulator and the other versions keep working.
    /// </summary>
    public class IsolationTests : IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;

        public IsolationTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
        }

        private static string Packages =>
            typeof(IsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

        private async Task<Dictionary<string, string>> RunSession(string order, int block)
        {
            var store = PowerShellSession.NewStorePath();
            var environment = new Dictionary<string, string>
            {
                ["ISOLATION_TENANT"] = _tenant.Connection.TenantId,
                ["ISOLATION_CLIENT"] = _tenant.Connection.ClientId,
                ["ISOLATION_AUTHORITY"] = _tenant.Connection.AuthorityHost,
                ["ISOLATION_GRAPH"] = _tenant.Connection.GraphBaseUrl,
                ["ISOLATION_PIN"] = _tenant.Connection.CertificateThumbprint,
                ["PRESENCESYNC_CLIENT_SECRET"] = _tenant.Connection.ClientSecret,
            };
            var script = Path.Combine(AppContext.BaseDirectory, "TestData", "Isolation.ps1");
            var (code, output) = await PwshProcess.RunFileAsync(script,
                new[] { "-Order", order, "-Manifest", ModulePaths.Manifest, "-Packages", Packages, "-Store", store, "-Block", block.ToString() },
                environment, TimeSpan.FromMinutes(4));
            _log.WriteLine(output);
            Assert.True(code == 0, $"pwsh exited with {code}:\n{output}");
            return output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": "))
                .GroupBy(l => l.Substring(0, l.IndexOf(": ", StringComparison.Ordinal)))
                .ToDictionary(g => g.Key, g => g.Last().Substring(g.Key.Length + 2));
        }

        private const string OtherVersions = "Azure.Core 1.38.0.0 etag=v1; MSAL 4.60.4.0 client=5e0c1a10-0000-4000-8000-0000000000aa; Graph.Core 4.0.1.0 step=step-1";

        [Fact]
        public async Task Other_versions_loaded_first_neither_break_the_sync_nor_are_broken_by_it()
        {
            var lines = await RunSession("OthersFirst", _tenant.TakeBlock(2));

            Assert.Equal(OtherVersions, lines["OTHERS before"]);
            Assert.Equal("Busy/InACall", lines["SYNCED"]);
            Assert.Equal("True True", lines["TYPES"]);
            Assert.Equal(OtherVersions, lines["OTHERS after"]);
            AssertOwnVersions(lines["MODULE"]);
        }

        [Fact]
        public async Task Other_versions_loaded_after_a_sync_load_and_work()
        {
            var lines = await RunSession("ModuleFirst", _tenant.TakeBlock(2));

            Assert.Equal("Busy/InACall", lines["SYNCED"]);
            Assert.Equal("True True", lines["TYPES"]);
            Assert.Equal("others", lines["LOADED"]);
            Assert.Equal(OtherVersions, lines["OTHERS after"]);
            AssertOwnVersions(lines["MODULE"]);
        }

        /// <summary>The module ran on the versions it ships, not on the other module's.</summary>
        private static void AssertOwnVersions(string module)
        {
            var versions = module.Split("; ").Select(p => p.Split(' ')).ToDictionary(p => p[0], p => p[1]);
            Assert.True(Version.Parse(versions["Azure.Core"]) > new Version(1, 38, 0, 0), module);
            Assert.True(Version.Parse(versions["Microsoft.Identity.Client"]) > new Version(4, 60, 4, 0), module);
            Assert.Equal(3, Version.Parse(versions["Microsoft.Graph.Core"]).Major);
        }
    }
}
