using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// A secret recorded in one PowerShell process is used by a scheduled run in another, on Linux:
    /// in the Secret Service keyring where one is reachable, else in a file only the owner can read.
    /// Neither the store nor any other file the module wrote holds it in clear.
    /// </summary>
    public class SecretsAtRestTests : IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;

        public SecretsAtRestTests(SyncFixture tenant) => _tenant = tenant;

        /// <summary>Records the emulator's app with its secret (given to this process only), maps one agent and queues an ACD event.</summary>
        private string RecordScript(int block) => $@"
            $secret = [System.Net.NetworkCredential]::new('', $env:TEST_SECRET).SecurePassword
            [Environment]::SetEnvironmentVariable('TEST_SECRET', $null)
            New-PresenceSyncApp -TenantId '{_tenant.Connection.TenantId}' -ClientId '{_tenant.Connection.ClientId}' -ClientSecret $secret -AuthorityHost '{_tenant.Connection.AuthorityHost}' -GraphBaseUrl '{_tenant.Connection.GraphBaseUrl}' -ServerCertificateThumbprint '{_tenant.Connection.CertificateThumbprint}' | Out-Null
            'storage=' + (Get-PresenceSyncApp).SecretStorage
            Sync-PresenceTeamsUser | Out-Null
            Import-PresenceAgent -AgentId K1 -Email {SyncFixture.Upn(block, 1)}
            Add-PresenceUserMapping -Auto | Out-Null
            New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall' | Out-Null
            Add-PresenceRuleAssignment -Rule Sync -Default | Out-Null
            Set-PresenceAgentState -AgentId K1 -State Inbound";

        private const string SyncScript = @"
            Start-PresenceSync -Once
            'errors=' + $Error.Count
            $Error | ForEach-Object { 'error: ' + $_.FullyQualifiedErrorId }";

        [Fact]
        public async Task Without_a_keyring_the_secret_is_kept_in_an_owner_only_file_and_a_new_process_syncs_with_it()
        {
            var block = _tenant.TakeBlock(1);
            var dir = Path.GetDirectoryName(PowerShellSession.NewStorePath())!;
            var store = Path.Combine(dir, "store.db");
            var secrets = Path.Combine(dir, "secrets");
            var environment = new Dictionary<string, string?>
            {
                ["PRESENCESYNC_SECRET_PATH"] = secrets, ["DBUS_SESSION_BUS_ADDRESS"] = null, ["DISPLAY"] = null,
                ["PRESENCESYNC_CLIENT_SECRET"] = null, ["TEST_SECRET"] = _tenant.Connection.ClientSecret,
            };
            var (code, output) = await HostProcess.RunAsync(RecordScript(block), store, environment);
            Assert.True(code == 0, output);
            Assert.Contains("storage=OwnerOnlyFile", output);
            Assert.Contains("not encrypted", output);

            environment.Remove("TEST_SECRET");
            (code, output) = await HostProcess.RunAsync(SyncScript, store, environment);
            Assert.True(code == 0 && output.Contains("errors=0"), output);
            Assert.Contains("app:" + _tenant.Connection.ClientId, await _tenant.Sessions(SyncFixture.Upn(block, 1)));

            // The one file that holds the secret: plain text (the library cannot encrypt without a keyring), so its mode protects it.
            var files = Directory.GetFiles(secrets, "*.secret");
            var holder = Assert.Single(files, f => File.ReadAllText(f).Contains(_tenant.Connection.ClientSecret));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(holder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(secrets));
            AssertNowhere(_tenant.Connection.ClientSecret, dir, except: holder);
        }

        [Fact]
        public async Task With_a_Secret_Service_keyring_the_secret_is_kept_there_and_a_new_process_syncs_with_it()
        {
            Assert.True(File.Exists("/usr/bin/gnome-keyring-daemon") && File.Exists("/usr/bin/dbus-run-session"),
                "gnome-keyring and dbus are needed (.ci/run installs them: apt-get install gnome-keyring dbus libsecret-1-0)");
            var block = _tenant.TakeBlock(1);
            var dir = Path.GetDirectoryName(PowerShellSession.NewStorePath())!;
            var store = Path.Combine(dir, "store.db");
            var secrets = Path.Combine(dir, "secrets");
            var home = Directory.CreateDirectory(Path.Combine(dir, "home")).FullName;
            File.WriteAllText(Path.Combine(dir, "record.ps1"), RecordScript(block));
            File.WriteAllText(Path.Combine(dir, "sync.ps1"), SyncScript);
            // A login session as a desktop has it: a D-Bus session bus and an unlocked GNOME keyring (its password is the test's).
            var script = $@"exec dbus-run-session -- bash -c '
                echo -n keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
                dotnet ""{HostProcess.HostDll}"" --script ""{dir}/record.ps1"" --store ""{store}"" || exit 11
                unset TEST_SECRET
                dotnet ""{HostProcess.HostDll}"" --script ""{dir}/sync.ps1"" --store ""{store}"" || exit 12'";
            var environment = new Dictionary<string, string?>
            {
                ["HOME"] = home, ["XDG_DATA_HOME"] = null, ["PRESENCESYNC_SECRET_PATH"] = secrets, ["DBUS_SESSION_BUS_ADDRESS"] = null,
                ["PRESENCESYNC_CLIENT_SECRET"] = null, ["TEST_SECRET"] = _tenant.Connection.ClientSecret,
            };
            var (code, output) = await HostProcess.RunBashAsync(script, environment, TimeSpan.FromMinutes(4));
            Assert.True(code == 0, output);
            Assert.Contains("storage=Keyring", output);
            Assert.DoesNotContain("not encrypted", output);
            Assert.True(output.Contains("errors=0"), output);
            Assert.Contains("app:" + _tenant.Connection.ClientId, await _tenant.Sessions(SyncFixture.Upn(block, 1)));
            // Nothing in clear anywhere: not the store, not the module's files, not the keyring's own (encrypted) files.
            AssertNowhere(_tenant.Connection.ClientSecret, dir, except: null);
        }

        private static void AssertNowhere(string secret, string dir, string? except)
        {
            foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => f != except))
            {
                var bytes = File.ReadAllBytes(file);
                Assert.False(Encoding.UTF8.GetString(bytes).Contains(secret) || Encoding.Unicode.GetString(bytes).Contains(secret)
                             || Encoding.UTF8.GetString(bytes).Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))), $"The secret is in {file}");
            }
        }
    }
}
