using System.Diagnostics;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>The standalone command prints one connection line; a client using only that line gets a token and reads presence.</summary>
public class StandaloneTests
{
    [Fact]
    public async Task Standalone_process_prints_a_connection_line_that_is_enough_to_read_presence()
    {
        var dll = typeof(GraphEmulator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0 --users 3 --exit-on-stdin-close")
        {
            RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var lineTask = process.StandardOutput.ReadLineAsync();
            var finished = await Task.WhenAny(lineTask, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(finished == lineTask, "The emulator did not print its connection line within 30 s.");
            var connection = EmulatorConnection.Parse((await lineTask)!);
            Assert.StartsWith("https://127.0.0.1:", connection.GraphBaseUrl);
            Assert.True(File.Exists(connection.CertificatePath));

            var client = EmulatorGraph.AdminClient(connection);
            var users = await client.Users.GetAsync();
            Assert.Equal(3, users!.Value!.Count);
            var presence = await client.Users[users.Value[0].Id].Presence.GetAsync();
            Assert.Equal("Offline", presence!.Availability);
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Command_line_options_map_to_EmulatorOptions()
    {
        var o = Program.ParseArgs(new[] { "--port", "5443", "--users", "100", "--budget", "10000", "--budget-window", "2", "--frozen-clock", "--seed", "seed.json" });
        Assert.Equal(5443, o.Port);
        Assert.Equal(100, o.UserCount);
        Assert.Equal(10000, o.PresenceBudgetPerWindow);
        Assert.Equal(TimeSpan.FromSeconds(2), o.BudgetWindow);
        Assert.False(o.ClockRunsInRealTime);
        Assert.Equal("seed.json", o.SeedFile);
        Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--nope" }));
    }

    [Fact]
    public async Task Seed_file_defines_users_and_their_presence()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
            {"users":[
              {"userPrincipalName":"ann@contoso.test","displayName":"Ann","proxyAddresses":["SMTP:ann@contoso.test","smtp:a@contoso.test"],"presence":{"desktop":"Busy/InAMeeting"}},
              {"userPrincipalName":"bob@contoso.test","accountEnabled":false}
            ]}
            """);
        await using var emulator = await GraphEmulator.StartAsync(new EmulatorOptions { SeedFile = path, ClockRunsInRealTime = false });
        var client = EmulatorGraph.AdminClient(emulator.Connection);
        var ann = await client.Users["ann@contoso.test"].GetAsync(r => r.QueryParameters.Select = new[] { "id", "proxyAddresses" });
        Assert.Contains("smtp:a@contoso.test", ann!.ProxyAddresses!);
        var presence = await client.Users[ann.Id].Presence.GetAsync();
        Assert.Equal(("Busy", "InAMeeting"), (presence!.Availability, presence.Activity));
        File.Delete(path);
    }
}
