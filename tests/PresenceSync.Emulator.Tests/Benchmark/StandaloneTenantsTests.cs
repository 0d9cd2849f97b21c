using System.Diagnostics;
using System.Text.Json.Nodes;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Benchmark;

/// <summary>The standalone emulator as a benchmark runs it: several tenants, one JSON line with every tenant's connection.</summary>
public class StandaloneTenantsTests
{
    [Fact]
    public async Task Standalone_emulator_serves_several_tenants_and_prints_them_all_on_its_line()
    {
        var dll = typeof(GraphEmulator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0 --users 5 --tenants 2 --tenant domain=fabrikam.test,users=3 --exit-on-stdin-close")
        {
            RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var lineTask = process.StandardOutput.ReadLineAsync();
            Assert.True(await Task.WhenAny(lineTask, Task.Delay(TimeSpan.FromSeconds(30))) == lineTask, "no connection line within 30 s");
            var line = (await lineTask)!;
            var first = EmulatorConnection.Parse(line);
            var tenants = first.Tenants!;
            Assert.Equal(new[] { "contoso.test", "fabrikam.test" }, tenants.Select(t => t.DomainName));
            Assert.Equal(first.TenantId, tenants[0].TenantId);
            Assert.Equal(2, JsonNode.Parse(line)!["tenants"]!.AsArray().Count);

            var fabrikam = tenants[1] with { CertificatePath = first.CertificatePath };
            var users = (await EmulatorGraph.AdminClient(fabrikam).Users.GetAsync())!.Value!;
            Assert.Equal(3, users.Count);
            using var control = new ControlClient(fabrikam);
            Assert.Equal(3, (await control.GetNodeAsync("/users"))!.AsArray().Count);
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Tenant_options_map_to_additional_tenants()
    {
        var o = Program.ParseArgs(new[] { "--users", "20000", "--tenants", "3", "--tenant", "domain=fabrikam.test,users=7,budget=99", "--fractional-retry-after" });
        Assert.Equal(new[] { "fabrikam.test", "tenant3.test" }, o.AdditionalTenants.Select(t => t.DomainName));
        Assert.Equal(new[] { 7, 20000 }, o.AdditionalTenants.Select(t => t.UserCount));
        Assert.Equal(99, o.AdditionalTenants[0].PresenceBudgetPerWindow);
        Assert.True(o.FractionalRetryAfter);
        Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--tenant", "users=3" }));
    }
}
