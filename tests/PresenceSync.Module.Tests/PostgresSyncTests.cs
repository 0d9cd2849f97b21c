using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using PresenceSync.Tests.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The sync on a PostgreSQL store (issue 11), against the Graph emulator: the hosted engine, and
    /// a runbook's fresh processes (fresh home folders, the store named by PRESENCESYNC_STORE_CONNECTION).
    /// </summary>
    [Collection("Loopback ports")]
    public class PostgresSyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;
        private readonly int _block;
        private string _connection = "";

        public PostgresSyncTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            _block = tenant.TakeBlock(5);
        }

        /// <summary>Points the session at a new PostgreSQL database and sets up the unit (skips when no server can be started).</summary>
        private void OnPostgres()
        {
            _connection = PostgresServer.NewDatabase();
            Run("Set-PresenceSyncStore -ConnectionString $Pg").ThrowOnError();
            Run(SyncFixture.Setup(_block, 5, SyncFixture.StandardRule)).ThrowOnError();
            _tenant.Control(HttpMethod.Post, "/stats/reset").GetAwaiter().GetResult();
        }

        private ScriptResult Run(string script)
        {
            var variables = new Dictionary<string, object?>(_tenant.Variables) { ["Pg"] = _connection };
            return Ps.Run(script, variables);
        }

        private async Task<JsonObject> Presence(int agent) => await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");

        private async Task<long> Writes() => (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0;

        [SkippableFact]
        public async Task On_PostgreSQL_an_inbound_call_shows_Busy_InACall_and_its_end_clears_the_session()
        {
            OnPostgres();
            Run("Set-PresenceAgentState -AgentId S1 -State Inbound -CallType Inbound; Start-PresenceSync -Once").ThrowOnError();
            var during = await Presence(1);
            Assert.Equal("Busy", (string?)during["availability"]);
            Assert.Equal("InACall", (string?)during["activity"]);

            Run("Set-PresenceAgentState -AgentId S1 -State Available; Start-PresenceSync -Once").ThrowOnError();
            var after = await Presence(1);
            Assert.NotEqual("InACall", (string?)after["activity"]);
            var writes = await Writes();
            Run("Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(writes, await Writes());
        }

        [SkippableFact]
        public void The_store_is_shown_without_its_password_and_a_bad_connection_string_keeps_the_old_store()
        {
            OnPostgres();
            var info = Run("Get-PresenceSyncStore").ThrowOnError().Output[0];
            Assert.Equal("PostgreSQL", info.Properties["Backend"].Value);
            Assert.Equal("Session", info.Properties["Source"].Value);
            var shown = (string)info.Properties["Path"].Value;
            Assert.DoesNotContain("Password", shown, StringComparison.OrdinalIgnoreCase);
            var text = string.Join("\n", Run("Get-PresenceSyncStore | Format-List * | Out-String").ThrowOnError().Output);
            Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Match(_connection, "Password=([^;]+)").Groups[1].Value, text);

            var bad = Run("Set-PresenceSyncStore -ConnectionString 'Host=db;Password=Hunter2;Colour=blue'");
            Assert.Contains("StoreConnectionStringInvalid", bad.ErrorIds.Count > 0 ? bad.ErrorIds[0] : bad.Terminating?.ErrorRecord.FullyQualifiedErrorId ?? "");
            Assert.Equal(shown, (string)Run("Get-PresenceSyncStore").ThrowOnError().Output[0].Properties["Path"].Value);
        }

        [SkippableFact]
        public async Task Runbook_runs_in_fresh_processes_on_one_PostgreSQL_store_behave_like_runs_on_one_machine()
        {
            OnPostgres();
            async Task<string> Job(string script)
            {
                var home = Path.Combine(Path.GetTempPath(), "presencesync-runbook", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(home);
                var file = Path.Combine(home, "job.ps1");
                File.WriteAllText(file, $"$ErrorActionPreference = 'Stop'; Import-Module '{ModulePaths.Manifest}'; {script}");
                var environment = new Dictionary<string, string>
                {
                    ["HOME"] = home,
                    // Only the module's state is fresh: dotnet and its tools (pwsh) still come from where they are installed.
                    ["DOTNET_CLI_HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                    ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                    ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
                    ["PRESENCESYNC_STORE_CONNECTION"] = _connection,
                    ["PRESENCESYNC_CLIENT_SECRET"] = _tenant.Connection.ClientSecret,
                };
                var (code, output) = await PwshProcess.RunFileAsync(file, Array.Empty<string>(), environment, TimeSpan.FromMinutes(3));
                _log.WriteLine(output);
                Assert.True(code == 0, $"pwsh exited with {code}:\n{output}");
                return output;
            }

            await Job("Set-PresenceAgentState -AgentId S1 -State Inbound -CallType Inbound; Start-PresenceSync -Once | Out-Null");
            Assert.Equal("InACall", (string?)(await Presence(1))["activity"]);
            var writes = await Writes();

            await Job("Start-PresenceSync -Once | Out-Null; (Get-PresenceSyncStore).Backend");
            Assert.Equal(writes, await Writes());

            await Job("Set-PresenceAgentState -AgentId S1 -State LoggedOut; Start-PresenceSync -Once | Out-Null");
            Assert.NotEqual("InACall", (string?)(await Presence(1))["activity"]);
            Assert.True(await Writes() > writes);
        }

        [SkippableFact]
        public void Copy_PresenceSyncStore_moves_the_session_store_to_PostgreSQL_and_never_over_data_without_Force()
        {
            _connection = PostgresServer.NewDatabase();
            ImportSamples();
            var agents = Run("(Get-PresenceAgent).Count").ThrowOnError().Output[0].BaseObject;

            Run("Copy-PresenceSyncStore -To $Pg -WhatIf").ThrowOnError();
            var copy = Run("Copy-PresenceSyncStore -To $Pg -Confirm:$false").ThrowOnError().Output[0];
            Assert.Equal("PostgreSQL", copy.Properties["ToBackend"].Value);
            Assert.Equal(1, copy.Properties["Units"].Value);

            var again = Run("Copy-PresenceSyncStore -To $Pg -Confirm:$false");
            Assert.Equal("StoreCopyTargetNotEmpty", again.ErrorIds.Count > 0 ? again.ErrorIds[0] : again.Terminating?.ErrorRecord.FullyQualifiedErrorId.Split(',')[0]);
            Run("Copy-PresenceSyncStore -To $Pg -Force -Confirm:$false").ThrowOnError();

            Run("Set-PresenceSyncStore -ConnectionString $Pg").ThrowOnError();
            Assert.Equal(agents, Run("(Get-PresenceAgent).Count").ThrowOnError().Output[0].BaseObject);
        }
    }
}
