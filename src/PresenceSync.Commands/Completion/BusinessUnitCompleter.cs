using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.Units;

namespace PresenceSync.Commands.Completion
{
    public sealed class BusinessUnitCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new BusinessUnitService(context).Get().Select(u => u.Name);
    }
}
