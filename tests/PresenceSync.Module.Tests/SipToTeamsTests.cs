using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The SIP source end to end, as an admin runs it: a SIP source recorded with
    /// New-PresenceSipSource, Start-PresenceSync running, SIPp placing real calls through Kamailio,
    /// and the mapped agents' presence in the emulator's Teams.
    /// </summary>
    [Collection("Loopback ports")]
    public class SipToTeamsTests : ModuleTestBase, IClassFixture<SyncFixture>, IDisposable
    {
        private static readonly string[] Extensions = { "101", "102", "103" };
        private readonly SyncFixture _tenant;
        private readonly int _block;
        private readonly int _gatewayPort = FreePort.Both();
        private readonly int _phonesPort = FreePort.Both();
        private readonly KamailioServer _kamailio;
        private readonly List<Sipp> _sipps = new List<Sipp>();

        public SipToTeamsTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(3);
            _kamailio = KamailioServer.Start(c => { c.GatewayPort = _gatewayPort; c.AuthAlgorithm = "SHA-256"; });
        }

        public new void Dispose()
        {
            foreach (var sipp in _sipps) sipp.Dispose();
            _kamailio.Dispose();
            base.Dispose();
        }

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private void Phones()
        {
            var file = Sipp.InjectionFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp"), Extensions);
            using (var register = Sipp.Start("register.xml", FreePort.Both(), $"127.0.0.1:{_kamailio.Port}", "-inf", file, "-key", "uas_port", _phonesPort.ToString(),
                       "-m", Extensions.Length.ToString(), "-r", "200", "-timeout", "30"))
            {
                Assert.True(register.Wait(TimeSpan.FromSeconds(60)) == 0, register.Output);
            }
            _sipps.Add(Sipp.Start("uas.xml", _phonesPort, "", "-d", "500"));
            _sipps.Add(Sipp.Start("uas.xml", _gatewayPort, "", "-d", "500"));
        }

        private Sipp Call(string from, string to, int talkMs)
        {
            var file = Sipp.InjectionFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp"), new[] { from + ";" + to });
            var sipp = Sipp.Start("uac.xml", FreePort.Both(), $"127.0.0.1:{_kamailio.Port}", "-inf", file, "-d", talkMs.ToString(), "-m", "1", "-timeout", "60");
            _sipps.Add(sipp);
            return sipp;
        }

        [Fact]
        public async Task A_call_on_an_extension_shows_in_Teams_and_clears_after_hangup_and_internal_calls_change_nothing()
        {
            var agents = string.Join(", ", Extensions.Select((e, i) => $"[pscustomobject]@{{ AgentId = 'S{i + 1}'; Email = '{SyncFixture.Upn(_block, i + 1)}'; Extension = '{e}' }}"));
            Ps.Run(TenantFixture.Connect + " | Out-Null; Sync-PresenceTeamsUser | Out-Null; " + agents + " | Import-PresenceAgent; Add-PresenceUserMapping -Auto | Out-Null; " +
                   "New-PresenceRule -Name Phones -Row 'Ringing => Busy/InACall', 'Dialing => Busy/InACall', 'OnCall => Busy/InACall', 'Idle => Clear' | Out-Null; " +
                   "Add-PresenceRuleAssignment -Rule Phones -Default | Out-Null", _tenant.Variables).ThrowOnError();
            var credential = $"([pscredential]::new('{_kamailio.Config.AuthUser}', [System.Net.NetworkCredential]::new('', '{_kamailio.Config.Password}').SecurePassword))";
            Ps.Run($"New-PresenceSipSource -Registrar {_kamailio.Registrar} -Domain {_kamailio.Domain} -LocalAddress 127.0.0.1 -Credential {credential} | Out-Null").ThrowOnError();
            Phones();

            using var background = new PowerShellSession(Ps.StorePath);
            // The SIP password is kept for this session only on this machine: the sync runs in a session of the same process.
            var sync = Task.Run(() => background.Run("Start-PresenceSync -PollInterval 00:00:05 -Duration 00:04:00", _tenant.Variables));
            try
            {
                var subscribed = DateTime.UtcNow.AddSeconds(60);
                while (Ps.Run("@((Get-PresenceSyncStatus).Sources | Where-Object { $_.Healthy -and $_.Item -like '*/10?' }).Count").Output.Select(o => (int)o.BaseObject).FirstOrDefault() < 3)
                {
                    if (DateTime.UtcNow > subscribed)
                        throw new TimeoutException("The three extensions did not subscribe: " + string.Join("\n", Ps.Run("(Get-PresenceSyncStatus).Sources | Out-String -Width 200").Output)
                            + (sync.IsCompleted ? "\nthe sync ended: " + string.Join(" | ", sync.Result.Errors.Select(e => e.ToString())) + sync.Result.Terminating : ""));
                    await Task.Delay(500);
                }

                // An outside call from 101: Busy/InACall while it lasts, cleared after the hang-up.
                var outside = Call("101", "0301234567", talkMs: 6000);
                await Poll.Until(async () => await Shown(1) == "Busy/InACall", TimeSpan.FromSeconds(30), "S1 in a call in Teams");
                Assert.Equal(0, outside.Wait(TimeSpan.FromSeconds(60)));
                await Poll.Until(async () => await Shown(1) != "Busy/InACall", TimeSpan.FromSeconds(30), "S1 cleared after the hang-up");

                // An internal call 102 -> 103: the rule ignores internal calls, so nothing is written.
                var internalCall = Call("102", "103", talkMs: 3000);
                Assert.Equal(0, internalCall.Wait(TimeSpan.FromSeconds(60)));
                await Task.Delay(2000);
                Assert.NotEqual("Busy/InACall", await Shown(2));
                Assert.NotEqual("Busy/InACall", await Shown(3));
                var history = Ps.Run("'S2', 'S3' | ForEach-Object { Get-PresenceSyncHistory -AgentId $_ } | Where-Object Direction -eq ToTeams").Output;
                Assert.DoesNotContain(history, h => (string?)h.Properties["After"].Value == "Busy/InACall");
                var events = Ps.Run("Get-PresenceSyncHistory -AgentId S1 | Select-Object -ExpandProperty EventSource").Output.Select(o => o.ToString()).ToList();
                Assert.Contains("Sip", events);
            }
            finally
            {
                Ps.Run("Stop-PresenceSync");
            }
            var result = await sync;
            Assert.Null(result.Terminating);
        }
    }
}
