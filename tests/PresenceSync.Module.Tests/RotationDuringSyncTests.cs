using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Emulator;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// A tenant whose tokens live 4 minutes: under the 5-minute refresh margin of the identity
    /// libraries, so every Graph call signs in anew with the credential the sync holds at that moment.
    /// A sync still holding a removed secret would fail at its next call.
    /// </summary>
    public sealed class ShortTokenTenantFixture : TenantFixture
    {
        protected override int UserCount => 60;

        protected override void Configure(EmulatorOptions options) => options.TokenLifetime = TimeSpan.FromMinutes(4);
    }

    /// <summary>Rotation that breaks nothing: a running sync follows a rotated secret, and the old one goes only after the grace period.</summary>
    public class RotationDuringSyncTests : ModuleTestBase, IClassFixture<ShortTokenTenantFixture>
    {
        private readonly ShortTokenTenantFixture _tenant;

        public RotationDuringSyncTests(ShortTokenTenantFixture tenant) => _tenant = tenant;

        private int Passwords()
        {
            var app = _tenant.Emulator.State.Directory.FindApplicationByAppId(Guid.Parse(_tenant.Connection.ClientId))!;
            lock (app) return app.PasswordCredentials.Count;
        }

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(0, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        [Fact]
        public async Task A_secret_rotated_while_the_sync_runs_is_followed_without_a_restart_and_the_sync_never_fails()
        {
            Ps.Run(SyncFixture.Setup(0, 3, SyncFixture.StandardRule), _tenant.Variables).ThrowOnError();
            // The app reads its own registration: the recorded secret is matched to its key id, which the rotation later removes.
            Ps.Run("Test-PresenceSyncApp -WarningAction SilentlyContinue | Out-Null").ThrowOnError();
            using var background = new PowerShellSession(Ps.StorePath);
            var sync = Task.Run(() => background.Run("Start-PresenceSync -Duration 00:03:00 -PollInterval 00:00:02", _tenant.Variables));
            try
            {
                Ps.Run("Set-PresenceAgentState -AgentId S1 -State Inbound").ThrowOnError();
                await Poll.Until(async () => await Shown(1) == "Busy/InACall", TimeSpan.FromSeconds(60), "S1 shown in a call before the rotation");

                Ps.Run("Set-PresenceSyncApp -RotateSecret -SecretLifetime 30.00:00:00 -GracePeriod 00:00:05").ThrowOnError();
                Assert.Equal(2, Passwords());
                // The old secret stays until its grace period is over; then it is removed (here by Test-PresenceSyncApp).
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (Passwords() > 1 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(1000);
                    Ps.Run("Test-PresenceSyncApp -WarningAction SilentlyContinue | Out-Null").ThrowOnError();
                }
                Assert.True(Passwords() == 1, "old secret still there: " + string.Join(" | ",
                    Ps.Run("Test-PresenceSyncApp 3>&1 | Out-String").Output.Select(o => o.ToString())));

                // Every call now signs in anew: only the new secret works, and the running sync has it.
                Ps.Run("Set-PresenceAgentState -AgentId S2 -State Outbound; Set-PresenceAgentState -AgentId S1 -State Available").ThrowOnError();
                await Poll.Until(async () => await Shown(2) == "Busy/InACall" && await Shown(1) != "Busy/InACall", TimeSpan.FromSeconds(60),
                    "S2 written and S1 cleared after the old secret was removed");
            }
            finally
            {
                Ps.Run("Stop-PresenceSync");
            }
            var result = await sync;
            Assert.Null(result.Terminating);
            Assert.True(result.Errors.Count == 0, string.Join(" | ", result.Errors.Select(e => e.ToString())));
            var status = Ps.Run("Get-PresenceSyncStatus").ThrowOnError();
            Assert.Equal(0, status.Property(0, "FailedWrites"));
        }
    }
}
