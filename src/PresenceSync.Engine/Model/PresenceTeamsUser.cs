using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>A Teams (Entra ID) directory user as the local store knows it.</summary>
    public sealed class PresenceTeamsUser
    {
        public PresenceTeamsUser(string businessUnit, Guid id, string userPrincipalName, string? mail,
            IReadOnlyList<string> proxyAddresses, string? displayName, bool accountEnabled, bool deleted, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            Id = id;
            UserPrincipalName = userPrincipalName;
            Mail = mail;
            ProxyAddresses = proxyAddresses;
            DisplayName = displayName;
            AccountEnabled = accountEnabled;
            Deleted = deleted;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }

        /// <summary>The directory object id; Graph's presence APIs take this, never the UPN.</summary>
        public Guid Id { get; }
        public string UserPrincipalName { get; }
        public string? Mail { get; }
        public IReadOnlyList<string> ProxyAddresses { get; }
        public string? DisplayName { get; }
        public bool AccountEnabled { get; }
        public bool Deleted { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a user object bind to -TeamsUser down the pipeline.</summary>
        public string TeamsUser => Id.ToString();

        public override string ToString() => UserPrincipalName;
    }
}
