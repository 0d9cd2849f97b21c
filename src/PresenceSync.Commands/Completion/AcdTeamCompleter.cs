using System.Collections.Generic;
using PresenceSync.Engine;
using PresenceSync.Engine.Agents;

namespace PresenceSync.Commands.Completion
{
    public sealed class AcdTeamCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new AgentService(context).Teams(businessUnit);
    }
}
