using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Completion
{
    public sealed class RuleNameCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new RuleService(context).Get(businessUnit, null).Select(r => r.Name);
    }
}
