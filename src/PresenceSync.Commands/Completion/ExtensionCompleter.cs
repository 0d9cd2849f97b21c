using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Agents;

namespace PresenceSync.Commands.Completion
{
    /// <summary>The extensions of the unit's agents.</summary>
    public sealed class ExtensionCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new AgentService(context).Get(businessUnit, null, null).Select(a => a.Extension).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim()).Distinct().OrderBy(e => e);
    }
}
