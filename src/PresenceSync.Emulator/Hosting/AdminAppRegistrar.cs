using System.Security.Cryptography;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Registers the admin app that the connection line hands out: a confidential client with a
/// secret, admin-consented application permissions for presence, users, applications and grants,
/// and tenant-wide delegated consent, public client flows allowed (so device code works too).
/// </summary>
internal static class AdminAppRegistrar
{
    public static AppRegistration Register(DirectoryStore directory, EmulatorOptions options, DateTimeOffset now)
    {
        var appId = options.ClientId is { } id ? Guid.Parse(id) : Guid.NewGuid();
        var app = new AppRegistration
        {
            Id = Guid.NewGuid(), AppId = appId, DisplayName = "PresenceSync Emulator Admin",
            IsFallbackPublicClient = true, CreatedDateTime = now,
        };
        app.PasswordCredentials.Add(new PasswordCredential
        {
            KeyId = Guid.NewGuid(), DisplayName = "emulator",
            SecretText = options.ClientSecret ?? NewSecret(),
            StartDateTime = now.AddMinutes(-5), EndDateTime = now.AddYears(2),
        });
        var sp = new ServicePrincipal { Id = Guid.NewGuid(), AppId = appId, DisplayName = app.DisplayName };
        lock (directory.Gate)
        {
            directory.Applications.Add(app);
            directory.ServicePrincipals.Add(sp);
            foreach (var role in GraphPermissions.AdminAppRoles)
                directory.AppRoleAssignments.Add(new AppRoleAssignment
                {
                    Id = Guid.NewGuid(), PrincipalId = sp.Id, ResourceId = directory.GraphServicePrincipal.Id,
                    AppRoleId = GraphPermissions.AppRoles[role], CreatedDateTime = now,
                });
            directory.PermissionGrants.Add(new OAuth2PermissionGrant
            {
                Id = Jwt.B64Url(RandomNumberGenerator.GetBytes(24)), ClientId = sp.Id, ConsentType = "AllPrincipals",
                ResourceId = directory.GraphServicePrincipal.Id, Scope = GraphPermissions.AdminDelegatedScopes,
            });
        }
        return app;
    }

    /// <summary>Secrets look like AAD's: 40 characters with the "~" marker at position 4.</summary>
    public static string NewSecret()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
        var chars = Enumerable.Range(0, 40).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        chars[3] = '8';
        chars[4] = 'Q';
        chars[5] = '~';
        return new string(chars);
    }
}
