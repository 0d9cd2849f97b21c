using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Certificates as credentials: registration, a password-protected PFX, rotation with a grace period, remedies that fit.</summary>
    public class CertificateTests : ModuleTestBase, IClassFixture<TenantFixture>
    {
        private const string Password = "([System.Net.NetworkCredential]::new('', 'pfx-password').SecurePassword)";
        private readonly TenantFixture _tenant;

        public CertificateTests(TenantFixture tenant) => _tenant = tenant;

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private string Register(string parameters)
        {
            var approver = _tenant.ApproveNextDeviceCode();
            var registered = Run("New-PresenceSyncApp -TenantId $TenantId -AdminClientId $ClientId -NewCertificate " + parameters + " " + TenantFixture.Endpoint);
            approver.Wait();
            registered.ThrowOnError();
            Assert.Equal("Certificate", registered.Property(0, "CredentialType")!.ToString());
            return (string)registered.Property(0, "ClientId")!;
        }

        private PresenceSync.Emulator.Directory.AppRegistration App(string clientId) =>
            _tenant.Emulator.State.Directory.FindApplicationByAppId(Guid.Parse(clientId))!;

        private string[] Keys(string clientId)
        {
            var app = App(clientId);
            lock (app) return app.KeyCredentials.Select(k => k.Certificate.Thumbprint).ToArray();
        }

        [Fact]
        public async Task An_app_registered_with_a_new_certificate_in_a_password_protected_PFX_signs_in_here_and_in_a_new_process()
        {
            var pfx = Path.Combine(Path.GetDirectoryName(Ps.StorePath)!, "app.pfx");
            var clientId = Register($"-CertificatePath '{pfx}' -CertificatePassword {Password}");
            var app = Run("Get-PresenceSyncApp").ThrowOnError();
            Assert.Equal("Certificate", app.Property(0, "CredentialExpirySource")!.ToString());
            Assert.NotEqual("None", app.Property(0, "SecretStorage")!.ToString()); // the PFX's password is kept at rest like a secret
            Assert.Single(Keys(clientId));
            lock (App(clientId)) Assert.Empty(App(clientId).PasswordCredentials);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());

            var (code, output) = await HostProcess.RunAsync("'verdict=' + (Test-PresenceSyncApp -WarningAction SilentlyContinue).Verdict", Ps.StorePath);
            Assert.True(code == 0, output);
            Assert.Contains("verdict=Passed", output);
        }

        [Fact]
        public void A_PFX_with_a_wrong_or_no_password_is_a_clear_error_and_nothing_is_recorded()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=PresenceSync test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
            var pfx = Path.Combine(Path.GetDirectoryName(Ps.StorePath)!, "locked.pfx");
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "right-password"));
            var record = $"New-PresenceSyncApp -TenantId $TenantId -ClientId 5e0c1a10-0000-4000-8000-0000000000e1 -CertificatePath '{pfx}' ";
            Assert.Equal(new[] { "CertificatePasswordInvalid" }, Run(record + "-CertificatePassword " + Password).ErrorIds);
            Assert.Equal(new[] { "CertificatePasswordInvalid" }, Run(record).ErrorIds);
            Assert.Equal(new[] { "SyncAppNotFound" }, Run("Get-PresenceSyncApp").ErrorIds);
            var right = Run(record + "-CertificatePassword ([System.Net.NetworkCredential]::new('', 'right-password').SecurePassword)").ThrowOnError();
            Assert.Equal(certificate.Thumbprint, right.Property(0, "CertificateThumbprint"));
        }

        [Fact]
        public void Rotating_a_certificate_needs_no_admin_keeps_the_old_key_for_the_grace_period_then_removes_it_and_Entra_refuses_it()
        {
            var clientId = Register("");
            var old = (string)Run("(Get-PresenceSyncApp).CertificateThumbprint").ThrowOnError().Output.Single().BaseObject;
            var version = (long)Run("(Get-PresenceSyncApp).CredentialVersion").ThrowOnError().Output.Single().BaseObject;

            // The app proves possession with its current certificate: no admin, no permission.
            var rotated = Run("Set-PresenceSyncApp -RotateCertificate -GracePeriod 00:00:03 -PassThru").ThrowOnError();
            var next = (string)rotated.Property(0, "CertificateThumbprint")!;
            Assert.NotEqual(old, next);
            Assert.Equal(version + 1, rotated.Property(0, "CredentialVersion"));
            Assert.Single((System.Collections.IEnumerable)rotated.Property(0, "RetiredCredentials")!);
            Assert.Equal(new[] { old, next }.OrderBy(t => t), Keys(clientId).OrderBy(t => t));
            var during = Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq 'Retired credentials'").ThrowOnError();
            Assert.Equal("Passed", during.Property(0, "Status")!.ToString());
            Assert.Contains("grace period", (string)during.Property(0, "Detail")!);

            // After the grace period the next command removes the old key from the app.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Keys(clientId).Length > 1 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(500);
                Run("Test-PresenceSyncApp | Out-Null").ThrowOnError();
            }
            Assert.Equal(new[] { next }, Keys(clientId));
            Assert.Empty((System.Collections.IEnumerable)Run("Get-PresenceSyncApp").ThrowOnError().Property(0, "RetiredCredentials")!);

            // Entra ID refuses the removed certificate (it is still in the user's store): another store signing in with it fails.
            using var other = new PowerShellSession();
            other.Run($"New-PresenceSyncApp -TenantId $TenantId -ClientId {clientId} -CertificateThumbprint {old} " + TenantFixture.Endpoint, _tenant.Variables).ThrowOnError();
            var token = other.Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq Token", _tenant.Variables).ThrowOnError();
            Assert.Equal("Failed", token.Property(0, "Status")!.ToString());
            Assert.StartsWith("GraphCredentialRejected", (string)token.Property(0, "Detail")!);
            Assert.DoesNotContain("-RotateSecret", (string)token.Property(0, "Remedy")!);
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());
        }

        [Fact]
        public void Every_remedy_for_a_certificate_names_a_command_that_works_for_a_certificate()
        {
            Register("-CertificateLifetime 10.00:00:00");
            var check = Run("(Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | Where-Object Check -eq Credential").ThrowOnError();
            Assert.Equal("Warning", check.Property(0, "Status")!.ToString());
            Assert.Contains("-RotateCertificate", (string)check.Property(0, "Remedy")!);
            Assert.DoesNotContain("-RotateSecret", (string)check.Property(0, "Remedy")!);
            var wrongKind = Run("Set-PresenceSyncApp -RotateSecret");
            Assert.Equal(new[] { "SecretRotationNotPossible" }, wrongKind.ErrorIds);
            Assert.Contains("-RotateCertificate", wrongKind.Errors[0].ErrorDetails?.RecommendedAction ?? "");
        }
    }
}
