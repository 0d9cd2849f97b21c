using System.Collections.Generic;

namespace PresenceSync.Engine.Sip.Rlmi
{
    /// <summary>
    /// One resource list notification (RFC 4662 section 5): the list's version and whether it is
    /// full state, and per resource its instances with their state and, where the notification
    /// carries it, the resource's own body (here a dialog-info document).
    /// </summary>
    internal sealed class RlmiList
    {
        public string? Uri { get; set; }
        public long Version { get; set; }
        public bool FullState { get; set; }
        public List<RlmiResource> Resources { get; } = new List<RlmiResource>();
    }
}
