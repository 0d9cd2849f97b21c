using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Completion
{
    public sealed class RoutingPolicyNameCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new RoutingPolicyService(context).Get(businessUnit, null).Select(p => p.Name);
    }
}
