using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Agents;

namespace PresenceSync.Commands.Completion
{
    public sealed class AgentIdCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new AgentService(context).Get(businessUnit, null, null).Select(a => a.AgentId);
    }
}
