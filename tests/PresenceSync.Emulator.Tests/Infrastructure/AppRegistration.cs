using Microsoft.Graph;
using Microsoft.Graph.Applications.Item.AddPassword;
using Microsoft.Graph.Models;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>What an admin script does in a real tenant: register, create the service principal, grant, add a secret.</summary>
public static class AppRegistration
{
    public static async Task<(Application App, string Secret)> RegisterAsync(GraphServiceClient admin, string name, string[] roles,
        string? delegatedScopes = null, bool publicClient = false)
    {
        var app = await admin.Applications.PostAsync(new Application { DisplayName = name, IsFallbackPublicClient = publicClient });
        var sp = await admin.ServicePrincipals.PostAsync(new ServicePrincipal { AppId = app!.AppId });
        var graph = (await admin.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = "appId eq '00000003-0000-0000-c000-000000000000'"))!.Value!.Single();
        foreach (var role in roles)
        {
            var roleId = graph.AppRoles!.Single(r => r.Value == role).Id;
            await admin.ServicePrincipals[sp!.Id].AppRoleAssignments.PostAsync(new AppRoleAssignment { PrincipalId = Guid.Parse(sp.Id!), ResourceId = Guid.Parse(graph.Id!), AppRoleId = roleId });
        }
        if (delegatedScopes is not null)
            await admin.Oauth2PermissionGrants.PostAsync(new OAuth2PermissionGrant { ClientId = sp!.Id, ConsentType = "AllPrincipals", ResourceId = graph.Id, Scope = delegatedScopes });
        var secret = await admin.Applications[app.Id].AddPassword.PostAsync(new AddPasswordPostRequestBody { PasswordCredential = new PasswordCredential { DisplayName = "test" } });
        return (app, secret!.SecretText!);
    }
}
