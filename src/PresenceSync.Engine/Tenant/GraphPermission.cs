using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// The Microsoft Graph application permissions PresenceSync asks for, with Graph's real app
    /// role ids. Only what the chosen features need: least privilege is the point.
    /// </summary>
    public static class GraphPermission
    {
        public const string GraphAppId = "00000003-0000-0000-c000-000000000000";
        public const string PresenceReadAll = "Presence.Read.All";
        public const string PresenceReadWriteAll = "Presence.ReadWrite.All";
        public const string UserReadAll = "User.Read.All";

        public static readonly IReadOnlyDictionary<string, Guid> AppRoleIds = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
        {
            [PresenceReadAll] = Guid.Parse("a70e0c2d-e793-494c-94c4-118fa0a67f42"),
            [PresenceReadWriteAll] = Guid.Parse("83cded22-8297-4ff6-a7fa-e97e9545a259"),
            [UserReadAll] = Guid.Parse("df021288-bdef-4463-88db-98f22de89214"),
        };

        /// <summary>Reading the directory and reading and writing presence: everything the sync does with an app token.</summary>
        public static IReadOnlyList<string> ForSync { get; } = new[] { UserReadAll, PresenceReadWriteAll };

        /// <summary>Reading only (Teams to ACD), for tenants that will not grant presence writes.</summary>
        public static IReadOnlyList<string> ForReadOnly { get; } = new[] { UserReadAll, PresenceReadAll };

        public static IReadOnlyList<string> Normalize(IEnumerable<string> names) =>
            names.Select(n => AppRoleIds.Keys.FirstOrDefault(k => string.Equals(k, n.Trim(), StringComparison.OrdinalIgnoreCase)) ?? n.Trim())
                 .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
