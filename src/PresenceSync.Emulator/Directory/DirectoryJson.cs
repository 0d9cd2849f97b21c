using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Directory;

/// <summary>JSON shapes of directory objects, and the user properties Graph returns without $select.</summary>
internal static class DirectoryJson
{
    /// <summary>Graph's default user properties: accountEnabled and proxyAddresses need $select.</summary>
    public static readonly string[] DefaultUserProperties =
    {
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
        "preferredLanguage", "surname", "userPrincipalName", "id",
    };

    public static readonly HashSet<string> FilterableUserProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "userPrincipalName", "mail", "displayName", "givenName", "surname", "accountEnabled", "proxyAddresses", "mailNickname", "jobTitle",
    };

    /// <summary>User properties Graph sorts by ($orderby) and searches ($search, advanced queries only).</summary>
    public static readonly HashSet<string> OrderableUserProperties = new(StringComparer.OrdinalIgnoreCase) { "displayName", "userPrincipalName" };
    public static readonly HashSet<string> SearchableUserProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "displayName", "givenName", "surname", "mail", "mailNickname", "userPrincipalName", "jobTitle",
    };

    public static object? UserProperty(DirectoryUser u, string name) => name.ToLowerInvariant() switch
    {
        "id" => u.Id.ToString(),
        "userprincipalname" => u.UserPrincipalName,
        "mail" => u.Mail,
        "displayname" => u.DisplayName,
        "givenname" => u.GivenName,
        "surname" => u.Surname,
        "accountenabled" => u.AccountEnabled,
        "proxyaddresses" => u.ProxyAddresses,
        "mailnickname" => u.MailNickname,
        "jobtitle" => u.JobTitle,
        _ => null,
    };

    public static JsonObject User(DirectoryUser u) => new()
    {
        ["id"] = u.Id.ToString(),
        ["businessPhones"] = new JsonArray(),
        ["displayName"] = u.DisplayName,
        ["givenName"] = u.GivenName,
        ["jobTitle"] = u.JobTitle,
        ["mail"] = u.Mail,
        ["mailNickname"] = u.MailNickname,
        ["mobilePhone"] = null,
        ["officeLocation"] = null,
        ["preferredLanguage"] = null,
        ["surname"] = u.Surname,
        ["userPrincipalName"] = u.UserPrincipalName,
        ["accountEnabled"] = u.AccountEnabled,
        ["proxyAddresses"] = GraphJson.Array(u.ProxyAddresses),
        ["createdDateTime"] = GraphJson.Iso(u.CreatedDateTime),
    };

    public static JsonObject Application(AppRegistration a)
    {
        lock (a)
            return new JsonObject
            {
                ["id"] = a.Id.ToString(),
                ["appId"] = a.AppId.ToString(),
                ["displayName"] = a.DisplayName,
                ["createdDateTime"] = GraphJson.Iso(a.CreatedDateTime),
                ["isFallbackPublicClient"] = a.IsFallbackPublicClient,
                ["signInAudience"] = "AzureADMyOrg",
                ["passwordCredentials"] = new JsonArray(a.PasswordCredentials.Select(p => (JsonNode)Password(p, withSecret: false)).ToArray()),
                ["keyCredentials"] = new JsonArray(a.KeyCredentials.Select(k => (JsonNode)Key(k)).ToArray()),
            };
    }

    public static JsonObject Password(PasswordCredential p, bool withSecret) => new()
    {
        ["customKeyIdentifier"] = null,
        ["displayName"] = p.DisplayName,
        ["endDateTime"] = GraphJson.Iso(p.EndDateTime),
        ["hint"] = p.Hint,
        ["keyId"] = p.KeyId.ToString(),
        ["secretText"] = withSecret ? p.SecretText : null,
        ["startDateTime"] = GraphJson.Iso(p.StartDateTime),
    };

    public static JsonObject Key(KeyCredential k) => new()
    {
        ["customKeyIdentifier"] = Convert.ToBase64String(k.Certificate.GetCertHash()),
        ["displayName"] = k.DisplayName ?? k.Certificate.Subject,
        ["endDateTime"] = GraphJson.Iso(k.EndDateTime),
        ["key"] = null,
        ["keyId"] = k.KeyId.ToString(),
        ["startDateTime"] = GraphJson.Iso(k.StartDateTime),
        ["type"] = k.Type,
        ["usage"] = k.Usage,
    };

    public static JsonObject ServicePrincipal(ServicePrincipal sp) => new()
    {
        ["id"] = sp.Id.ToString(),
        ["appId"] = sp.AppId.ToString(),
        ["displayName"] = sp.DisplayName,
        ["servicePrincipalType"] = sp.ServicePrincipalType,
        ["accountEnabled"] = true,
        ["appRoles"] = new JsonArray(sp.AppRoles.Select(r => (JsonNode)new JsonObject
        {
            ["allowedMemberTypes"] = new JsonArray("Application"), ["description"] = r.Key, ["displayName"] = r.Key,
            ["id"] = r.Value.ToString(), ["isEnabled"] = true, ["origin"] = "Application", ["value"] = r.Key,
        }).ToArray()),
        ["oauth2PermissionScopes"] = new JsonArray(sp.Scopes.Select(s => (JsonNode)new JsonObject
        {
            ["adminConsentDescription"] = s.Key, ["adminConsentDisplayName"] = s.Key, ["id"] = s.Value.ToString(),
            ["isEnabled"] = true, ["type"] = "Admin", ["value"] = s.Key,
        }).ToArray()),
    };

    public static JsonObject Assignment(AppRoleAssignment a, DirectoryStore d)
    {
        lock (d.Gate)
            return new JsonObject
            {
                ["id"] = a.Id.ToString(),
                ["appRoleId"] = a.AppRoleId.ToString(),
                ["createdDateTime"] = GraphJson.Iso(a.CreatedDateTime),
                ["principalDisplayName"] = d.ServicePrincipals.FirstOrDefault(s => s.Id == a.PrincipalId)?.DisplayName,
                ["principalId"] = a.PrincipalId.ToString(),
                ["principalType"] = "ServicePrincipal",
                ["resourceDisplayName"] = d.ServicePrincipals.FirstOrDefault(s => s.Id == a.ResourceId)?.DisplayName,
                ["resourceId"] = a.ResourceId.ToString(),
            };
    }
}
