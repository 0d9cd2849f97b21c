using System;
using System.IO;
using System.Linq;
using System.Text;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>New-, Get-, Set-, Remove- and Test-PresenceSipSource as an admin uses them, in hosted PowerShell.</summary>
    public class SipSourceTests : ModuleTestBase
    {
        private const string Password = "Sip-Pa55-word!";
        private const string Credential = "([pscredential]::new('presencesync', [System.Net.NetworkCredential]::new('', '" + Password + "').SecurePassword))";

        [Fact]
        public void A_source_is_recorded_listed_changed_and_removed_and_its_password_is_never_stored_or_shown()
        {
            var created = Ps.Run($"New-PresenceSipSource -Registrar pbx.example:5070 -Credential {Credential} -StateMap @{{ Ringing = 'Inbound'; Dialing = '' }}").ThrowOnError();
            Assert.Equal("sip:pbx.example:5070", created.Property(0, "Registrar"));
            Assert.Equal("Udp", created.Property(0, "Transport")!.ToString());
            Assert.Equal("pbx.example", created.Property(0, "Domain"));
            Assert.Equal("presencesync", created.Property(0, "UserName"));
            string? kept = null;
            if (!OperatingSystem.IsWindows())
            {
                // Kept at rest as the apps' secrets are: a keyring where one is reachable, else an owner-only file (with a warning), so other sessions find it.
                var storage = created.Property(0, "PasswordStorage")!.ToString();
                Assert.Contains(storage, new[] { "Keyring", "OwnerOnlyFile" });
                if (storage == "OwnerOnlyFile")
                {
                    Assert.Contains(created.Warnings, w => w.Contains("SIP password") && w.Contains("0600"));
                    // The test folder is shared by every run: the entry is the newest holding this password.
                    kept = Directory.GetFiles(PowerShellSession.SecretFolder, "*.secret").Where(f => File.ReadAllText(f) == Password)
                        .OrderByDescending(File.GetLastWriteTimeUtc).First();
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
                }
            }

            var shown = string.Join("\n", Ps.Run("Get-PresenceSipSource | ForEach-Object { $_.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }").ThrowOnError().Output);
            Assert.Contains("pbx.example", shown);
            Assert.DoesNotContain(Password, shown);
            Assert.Equal(-1, IndexOf(File.ReadAllBytes(Ps.StorePath), Encoding.UTF8.GetBytes(Password)));
            var map = (System.Collections.IDictionary)Ps.Run("(Get-PresenceSipSource -BusinessUnit Default).StateMap").ThrowOnError().Output[0].BaseObject;
            Assert.Equal("Inbound", map["Ringing"]);
            Assert.Equal("", map["Dialing"]);
            Assert.Equal("OnCall", map["OnCall"]);

            var changed = Ps.Run("Set-PresenceSipSource -Registrar 'sip:10.0.0.5;transport=tcp' -Expires 300 -PasswordFromEnvironment -PassThru").ThrowOnError();
            Assert.Equal("sip:10.0.0.5:5060", changed.Property(0, "Registrar"));
            Assert.Equal("Tcp", changed.Property(0, "Transport")!.ToString());
            Assert.Equal(300, changed.Property(0, "Expires"));
            Assert.Equal("Environment", changed.Property(0, "PasswordStorage")!.ToString());
            // The password it replaced is gone from the OS's keeping.
            if (kept != null) Assert.False(File.Exists(kept) && File.ReadAllText(kept).Length > 0);

            Ps.Run("Remove-PresenceSipSource -Confirm:$false").ThrowOnError();
            Assert.Empty(Ps.Run("Get-PresenceSipSource").ThrowOnError().Output);
            Assert.Equal(new[] { "SipSourceNotFound" }, Ps.Run("Get-PresenceSipSource -BusinessUnit Default").ErrorIds);
        }

        [Fact]
        public void Bad_settings_are_refused_with_stable_ids_and_nothing_is_stored()
        {
            var before = StoreSnapshot();
            var refused = Ps.Run(@"New-PresenceSipSource -Registrar 'sips:pbx.example'
                                   New-PresenceSipSource -Registrar 'sip:101@pbx.example'
                                   New-PresenceSipSource -Registrar 'not a uri'
                                   New-PresenceSipSource -Registrar pbx.example -StateMap @{ Talking = 'OnCall' }
                                   New-PresenceSipSource -Registrar pbx.example -LocalAddress 'here'
                                   New-PresenceSipSource -Registrar pbx.example -ResourceList 'agents'");
            Assert.Equal(new[] { "InvalidSipRegistrar", "InvalidSipRegistrar", "InvalidSipRegistrar", "InvalidSipStateMap", "InvalidSipSetting", "InvalidSipSetting" }, refused.ErrorIds);
            Assert.Contains("Idle, Dialing, Ringing, OnCall", refused.Errors[3].Exception.Message);
            Assert.Equal(before, StoreSnapshot());

            Ps.Run("New-PresenceSipSource -Registrar pbx.example").ThrowOnError();
            var again = Ps.Run("New-PresenceSipSource -Registrar other.example");
            Assert.Equal(new[] { "SipSourceExists" }, again.ErrorIds);
            Assert.Equal("sip:pbx.example:5060", Ps.Run("(Get-PresenceSipSource).Registrar").ThrowOnError().Output.Single().ToString());
            Ps.Run("New-PresenceSipSource -Registrar other.example -Force").ThrowOnError();
            Assert.Equal("sip:other.example:5060", Ps.Run("(Get-PresenceSipSource).Registrar").ThrowOnError().Output.Single().ToString());
        }

        [Fact]
        public void Units_with_a_source_complete_and_sources_pipe_between_units()
        {
            Ps.Run("New-PresenceBusinessUnit Contoso; New-PresenceBusinessUnit Fabrikam; New-PresenceSipSource -BusinessUnit Contoso -Registrar pbx.contoso.test").ThrowOnError();
            var input = "Get-PresenceSipSource -BusinessUnit Co";
            var completions = Ps.Run($"(TabExpansion2 -inputScript '{input}' -cursorColumn {input.Length}).CompletionMatches | ForEach-Object {{ $_.ListItemText }}").ThrowOnError().Output.Select(o => o.ToString());
            Assert.Equal(new[] { "Contoso" }, completions);
            // A source's properties bind by name, so a unit's settings copy to another unit.
            Ps.Run("Get-PresenceSipSource Contoso | New-PresenceSipSource -BusinessUnit Fabrikam").ThrowOnError();
            Assert.Equal("sip:pbx.contoso.test:5060", Ps.Run("(Get-PresenceSipSource Fabrikam).Registrar").ThrowOnError().Output.Single().ToString());
        }

        private static int IndexOf(byte[] data, byte[] pattern)
        {
            for (var i = 0; i <= data.Length - pattern.Length; i++)
                if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern)) return i;
            return -1;
        }
    }

    /// <summary>Test-PresenceSipSource against a Kamailio the test starts (it opens ports, so it runs in the ports collection).</summary>
    [Collection("Loopback ports")]
    public class SipSourceServerTests : ModuleTestBase, IDisposable
    {
        private readonly KamailioServer _kamailio = KamailioServer.Start(c => c.AuthAlgorithm = "SHA-256");

        public new void Dispose()
        {
            _kamailio.Dispose();
            base.Dispose();
        }

        [Fact]
        public void Test_PresenceSipSource_subscribes_with_digest_and_reports_each_extension()
        {
            ImportSamples();
            Ps.Run("Add-PresenceUserMapping -Auto -ErrorAction SilentlyContinue | Out-Null").ThrowOnError(ignoreErrors: true);
            var credential = $"([pscredential]::new('{_kamailio.Config.AuthUser}', [System.Net.NetworkCredential]::new('', '{_kamailio.Config.Password}').SecurePassword))";
            Ps.Run($"New-PresenceSipSource -Registrar {_kamailio.Registrar} -Domain {_kamailio.Domain} -LocalAddress 127.0.0.1 -Credential {credential}").ThrowOnError();

            var results = Ps.Run("Test-PresenceSipSource -Extension 1100, 1101, 1999 -Timeout 00:00:15").ThrowOnError().Output;
            var byExtension = results.ToDictionary(r => (string)r.Properties["Extension"].Value, r => r);
            Assert.True((bool)byExtension["1100"].Properties["Subscribed"].Value, string.Join("\n", results.Select(r => r.Properties["Detail"].Value)));
            Assert.Equal("A100", byExtension["1100"].Properties["AgentId"].Value);
            Assert.Equal("Idle", byExtension["1100"].Properties["LineState"].Value);
            Assert.True((bool)byExtension["1101"].Properties["Subscribed"].Value);
            Assert.False((bool)byExtension["1999"].Properties["Subscribed"].Value);
            Assert.Equal("AgentNotFound", byExtension["1999"].Properties["ErrorId"].Value);
            // A test records nothing.
            Assert.Empty(Ps.Run("Get-PresenceSyncHistory").ThrowOnError().Output);

            Ps.Run("Set-PresenceSipSource -Credential ([pscredential]::new('presencesync', [System.Net.NetworkCredential]::new('', 'wrong').SecurePassword))").ThrowOnError();
            var refused = Ps.Run("Test-PresenceSipSource -Extension 1100 -Timeout 00:00:15").ThrowOnError().Output.Single();
            Assert.False((bool)refused.Properties["Subscribed"].Value);
            Assert.Equal("SipAuthenticationFailed", refused.Properties["ErrorId"].Value);
        }
    }
}
