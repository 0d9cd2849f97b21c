using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Completion
{
    /// <summary>The client ids of the unit's apps.</summary>
    public sealed class AppClientIdCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new SyncAppService(context).Get(businessUnit).Select(a => a.ClientId);
    }
}
