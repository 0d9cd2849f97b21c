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
        private static readonly string[] Extensions = Enumerable.Range(101, 20).Select(n => n.ToString()).ToArray();
        private readonly SyncFixture _tenant;
        private readonly int _block;
        private readonly int _gatewayPort = FreePort.Both();
        private readonly int _phonesPort = FreePort.Both();
        private readonly KamailioServer _kamailio;
        private readonly List<Sipp> _sipps = new List<Sipp>();

        public SipToTeamsTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(20);
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

        /// <summary>Agents S1..S20 on extensions 101..120, mapped; a rule that shows calls and ignores internal ones; the SIP source; the phones.</summary>
        private void Setup()
        {
            var agents = string.Join(", ", Extensions.Select((e, i) => $"[pscustomobject]@{{ AgentId = 'S{i + 1}'; Email = '{SyncFixture.Upn(_block, i + 1)}'; Extension = '{e}' }}"));
            Ps.Run(TenantFixture.Connect + " | Out-Null; Sync-PresenceTeamsUser | Out-Null; " + agents + " | Import-PresenceAgent; Add-PresenceUserMapping -Auto | Out-Null; " +
                   "New-PresenceRule -Name Phones -Row 'Ringing => Busy/InACall', 'Dialing => Busy/InACall', 'OnCall => Busy/InACall', 'Idle => Clear' | Out-Null; " +
                   "Add-PresenceRuleAssignment -Rule Phones -Default | Out-Null", _tenant.Variables).ThrowOnError();
            var credential = $"([pscredential]::new('{_kamailio.Config.AuthUser}', [System.Net.NetworkCredential]::new('', '{_kamailio.Config.Password}').SecurePassword))";
            Ps.Run($"New-PresenceSipSource -Registrar {_kamailio.Registrar} -Domain {_kamailio.Domain} -LocalAddress 127.0.0.1 -Credential {credential} | Out-Null").ThrowOnError();
            Phones();
        }

        /// <summary>Starts the sync in a second session of this process and waits until every extension is subscribed.</summary>
        private async Task<Task<ScriptResult>> StartSync(PowerShellSession background)
        {
            var sync = Task.Run(() => background.Run("Start-PresenceSync -PollInterval 00:00:05 -Duration 00:05:00", _tenant.Variables));
            var subscribed = DateTime.UtcNow.AddSeconds(90);
            while (Ps.Run("@((Get-PresenceSyncStatus).Sources | Where-Object { $_.Healthy -and $_.Item -like '*/1??' }).Count").Output.Select(o => (int)o.BaseObject).FirstOrDefault() < Extensions.Length)
            {
                if (DateTime.UtcNow > subscribed || sync.IsCompleted)
                    throw new TimeoutException("The extensions did not subscribe: " + string.Join("\n", Ps.Run("(Get-PresenceSyncStatus).Sources | Out-String -Width 200").Output)
                        + (sync.IsCompleted ? "\nthe sync ended: " + string.Join(" | ", sync.Result.Errors.Select(e => e.ToString())) + sync.Result.Terminating : ""));
                await Task.Delay(500);
            }
            return sync;
        }

        private async Task Stop(Task<ScriptResult> sync)
        {
            Ps.Run("Stop-PresenceSync");
            var result = await sync;
            Assert.Null(result.Terminating);
        }

        [Fact]
        public async Task A_call_on_an_extension_shows_in_Teams_and_clears_after_hangup_and_internal_calls_change_nothing()
        {
            Setup();
            using var background = new PowerShellSession(Ps.StorePath);
            var sync = await StartSync(background);
            try
            {
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
                await Stop(sync);
            }
        }

        /// <summary>
        /// The scripted scenario of issue 12 in Teams: 20 extensions, 50 calls. 101-110 only call
        /// each other (25 internal calls, ignored by the rule); 111-120 only call outside numbers or
        /// are called from them (25 calls), each extension again only after 19 other calls, so its
        /// calls never overlap. Every outside call must give its agent one Busy/InACall write and one
        /// clear after the hang-up; the internal-only agents get no write at all.
        /// </summary>
        [Fact]
        public async Task Fifty_calls_among_twenty_extensions_show_in_Teams_and_clear_and_internal_calls_write_nothing()
        {
            Setup();
            var calls = new List<(string From, string To)>();
            for (var i = 0; i < 25; i++)
            {
                calls.Add(((101 + (2 * i) % 10).ToString(), (102 + (2 * i) % 10).ToString()));
                var ext = (111 + i % 10).ToString();
                calls.Add(i % 2 == 0 ? (ext, "0301234" + i.ToString("000")) : ("0309876" + i.ToString("000"), ext));
            }
            var outsideCalls = calls.Where(c => !c.From.StartsWith("1") || !c.To.StartsWith("1")).Select(c => c.From.StartsWith("1") ? c.From : c.To)
                .GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());

            using var background = new PowerShellSession(Ps.StorePath);
            var sync = await StartSync(background);
            var before = _tenant.Emulator.State.Writes.Since(0, 100_000).Last;
            try
            {
                var file = Sipp.InjectionFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "presencesync-sipp"), calls.Select(c => c.From + ";" + c.To));
                var sipp = Sipp.Start("uac.xml", FreePort.Both(), $"127.0.0.1:{_kamailio.Port}", "-inf", file, "-d", "1200",
                    "-m", calls.Count.ToString(), "-l", "4", "-r", "3", "-timeout", "300");
                _sipps.Add(sipp);
                Assert.True(sipp.Wait(TimeSpan.FromMinutes(5)) == 0, sipp.Output);

                var users = _tenant.Emulator.State.Directory.AllUsers.ToDictionary(u => u.Id, u => u.UserPrincipalName, EqualityComparer<Guid>.Default);
                var upnOf = Extensions.Select((e, i) => (e, SyncFixture.Upn(_block, i + 1))).ToDictionary(x => x.e, x => x.Item2);
                List<(string Upn, string Operation, string? Availability)> Writes() => _tenant.Emulator.State.Writes.Since(before, 100_000).Records
                    .Where(r => r.Status < 300).Select(r => (users[r.UserId], r.Operation, r.Availability)).ToList();
                bool Settled(string ext, int count)
                {
                    var mine = Writes().Where(w => w.Upn == upnOf[ext]).ToList();
                    return mine.Count(w => w.Availability == "Busy") == count && mine.Count(w => w.Availability != "Busy") == count && mine.Count > 0 && mine[^1].Availability != "Busy";
                }
                await Poll.Until(() => outsideCalls.All(c => Settled(c.Key, c.Value)), TimeSpan.FromSeconds(60),
                    "every outside call written and cleared: " + string.Join(", ", outsideCalls.Select(c => $"{c.Key}:{c.Value}")));
                await Task.Delay(1000);
                foreach (var ext in Extensions.Take(10))
                    Assert.DoesNotContain(Writes(), w => w.Upn == upnOf[ext]);
                foreach (var (ext, count) in outsideCalls) Assert.True(Settled(ext, count), $"{ext}: " + string.Join(", ", Writes().Where(w => w.Upn == upnOf[ext])));
            }
            finally
            {
                await Stop(sync);
            }
        }
    }
}
