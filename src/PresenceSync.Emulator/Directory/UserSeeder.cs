using System.Text.Json;
using System.Text.Json.Nodes;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// Seeds users either deterministically from a count or from a JSON seed file (format in README).
/// Ids are derived from the UPN so that the same seed gives the same object ids on every run.
/// </summary>
internal static class UserSeeder
{
    public static void SeedFromCount(DirectoryStore store, int count, DateTimeOffset now)
    {
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString("0000");
            var upn = $"user{n}@{store.DomainName}";
            var user = new DirectoryUser
            {
                Id = DirectoryStore.DeterministicGuid("user:" + upn),
                UserPrincipalName = upn,
                GivenName = "User",
                Surname = n,
                DisplayName = $"User {n}",
                MailNickname = $"user{n}",
                // Every 10th user has no mailbox (mail null) as in real tenants with unlicensed accounts.
                Mail = i % 10 == 0 ? null : $"user{n}@{store.DomainName}",
                JobTitle = i % 5 == 0 ? "Supervisor" : "Agent",
                // Every 7th user is disabled: engines must skip them.
                AccountEnabled = i % 7 != 0,
                CreatedDateTime = now,
            };
            if (user.Mail is not null)
            {
                user.ProxyAddresses.Add("SMTP:" + user.Mail);
                // Every 3rd user has a secondary alias, so matching on proxyAddresses is exercised.
                if (i % 3 == 0) user.ProxyAddresses.Add($"smtp:agent{n}@{store.DomainName}");
            }
            store.AddUser(user);
        }
    }

    /// <summary>Reads {"users":[{userPrincipalName, displayName, mail?, proxyAddresses?, accountEnabled?, id?, presence?}]}.</summary>
    public static List<(Guid UserId, JsonObject Presence)> SeedFromFile(DirectoryStore store, string path, DateTimeOffset now)
    {
        var presences = new List<(Guid, JsonObject)>();
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException("Seed file must be a JSON object.");
        foreach (var node in root["users"]?.AsArray() ?? new JsonArray())
        {
            var o = node!.AsObject();
            var upn = (string?)o["userPrincipalName"] ?? throw new InvalidDataException("Every seeded user needs userPrincipalName.");
            var id = o["id"] is { } idNode ? Guid.Parse((string)idNode!) : DirectoryStore.DeterministicGuid("user:" + upn);
            var user = new DirectoryUser
            {
                Id = id,
                UserPrincipalName = upn,
                DisplayName = (string?)o["displayName"] ?? upn.Split('@')[0],
                GivenName = (string?)o["givenName"],
                Surname = (string?)o["surname"],
                Mail = o.ContainsKey("mail") ? (string?)o["mail"] : upn,
                MailNickname = upn.Split('@')[0],
                JobTitle = (string?)o["jobTitle"],
                AccountEnabled = (bool?)o["accountEnabled"] ?? true,
                CreatedDateTime = now,
            };
            if (o["proxyAddresses"] is JsonArray proxies)
                user.ProxyAddresses.AddRange(proxies.Select(p => (string)p!));
            else if (user.Mail is not null)
                user.ProxyAddresses.Add("SMTP:" + user.Mail);
            store.AddUser(user);
            if (o["presence"] is JsonObject presence) presences.Add((id, presence));
        }
        return presences;
    }
}
