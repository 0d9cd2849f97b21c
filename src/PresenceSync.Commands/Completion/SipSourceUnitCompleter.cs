using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Sip.Config;

namespace PresenceSync.Commands.Completion
{
    /// <summary>Business units that have a SIP source.</summary>
    public sealed class SipSourceUnitCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new SipSourceService(context).GetAll().Select(s => s.BusinessUnit);
    }
}
