using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Completion
{
    public sealed class RoutingServiceNameCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new RoutingServiceCatalog(context).Get(businessUnit, null).Select(s => s.Name);
    }
}
