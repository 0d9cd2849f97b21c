using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Sip.Config;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip
{
    /// <summary>
    /// The one thing the sync runner needs from SIP: the recorded SIP sources of the units it
    /// syncs (New-PresenceSipSource), as ACD event sources. Each is named "Sip", runs until
    /// cancelled, and reports per-extension health through IAcdEventTarget.Report.
    /// </summary>
    public static class SipSources
    {
        /// <summary>Every recorded source of these units; all units' when the list is empty or null. A unit without one adds nothing.</summary>
        public static IReadOnlyList<IAcdEventSource> Load(EngineContext context, IEnumerable<string>? businessUnits) =>
            new SipSourceService(context).Sources(businessUnits).Cast<IAcdEventSource>().ToList();
    }
}
