using Azure.Core;
using Azure.Identity;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// src/PresenceSync.Emulator/README.md#graph-facts, "Identity": ManagedIdentityCredential as an Azure Automation runbook uses it.
/// The host's IDENTITY_ENDPOINT / IDENTITY_HEADER are process-wide environment variables, so only
/// this class sets them, and it restores them afterwards.
/// </summary>
public class ManagedIdentityTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public ManagedIdentityTests(EmulatorFixture f) => _f = f;

    [Fact]
    [Trait("Fact", "App-only: ManagedIdentityCredential (Azure Automation runbooks use the account's managed identity; Graph app roles are granted to its service principal)")]
    public async Task Managed_identity_reads_presence_with_the_app_roles_granted_to_its_service_principal()
    {
        var identity = await CreateAsync("automation-account");
        var principalId = (string)identity["principalId"]!;
        // An admin grants Graph app roles to the identity's service principal, through Graph, as in a real tenant.
        var admin = _f.Admin;
        var sp = await admin.ServicePrincipals[principalId].GetAsync();
        Assert.Equal("ManagedIdentity", sp!.ServicePrincipalType);
        var graph = (await admin.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = "appId eq '00000003-0000-0000-c000-000000000000'"))!.Value!.Single();
        await admin.ServicePrincipals[principalId].AppRoleAssignments.PostAsync(new AppRoleAssignment
        {
            PrincipalId = Guid.Parse(principalId), ResourceId = Guid.Parse(graph.Id!), AppRoleId = graph.AppRoles!.Single(r => r.Value == "Presence.Read.All").Id,
        });

        var saved = (Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), Environment.GetEnvironmentVariable("IDENTITY_HEADER"));
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", (string)identity["identityEndpoint"]!);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", (string)identity["identityHeader"]!);
        try
        {
            var credential = new ManagedIdentityCredential(EmulatorGraph.Configure(new ManagedIdentityCredentialOptions(ManagedIdentityId.SystemAssigned), _f.Connection));
            var before = _f.Emulator.State.Statistics.TokenRequests("managed_identity");
            var client = EmulatorGraph.Client(_f.Connection, credential);
            var presence = await client.Users[_f.User(1).Id].Presence.GetAsync();
            Assert.Equal(_f.User(1).Id, presence!.Id);
            Assert.Equal(before + 1, _f.Emulator.State.Statistics.TokenRequests("managed_identity"));

            // Only Presence.Read.All was granted: writing is refused.
            var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(1).Id].Presence.SetPresence.PostAsync(
                new Microsoft.Graph.Users.Item.Presence.SetPresence.SetPresencePostRequestBody { SessionId = (string)identity["clientId"]!, Availability = "Busy", Activity = "InACall" }));
            Assert.Equal(403, e.ResponseStatusCode);

            // A user-assigned identity this host does not have gets no token (MSAL caches managed-identity
            // tokens process-wide per identity, so a different identity is needed to reach the endpoint again).
            var stranger = new ManagedIdentityCredential(EmulatorGraph.Configure(
                new ManagedIdentityCredentialOptions(ManagedIdentityId.FromUserAssignedClientId(Guid.NewGuid().ToString())), _f.Connection));
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => stranger.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
            Assert.Equal(before + 2, _f.Emulator.State.Statistics.TokenRequests("managed_identity"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", saved.Item1);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", saved.Item2);
        }
    }

    private async Task<System.Text.Json.Nodes.JsonObject> CreateAsync(string displayName)
    {
        var response = await _f.Control.SendAsync(HttpMethod.Post, "/managedIdentities", new { displayName });
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
