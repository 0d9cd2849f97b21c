using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>One directory row as it arrives from an export or from Graph, not yet validated.</summary>
    public sealed class TeamsUserInput
    {
        public string? Id { get; set; }
        public string? UserPrincipalName { get; set; }
        public string? Mail { get; set; }
        public IList<string> ProxyAddresses { get; set; } = new List<string>();
        public string? DisplayName { get; set; }
        public bool AccountEnabled { get; set; } = true;
        public object? Source { get; set; }
    }
}
