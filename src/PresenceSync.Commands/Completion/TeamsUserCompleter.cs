using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Commands.Completion
{
    public sealed class TeamsUserCompleter : StoreCompleter
    {
        protected override IEnumerable<string> Names(EngineContext context, string? businessUnit) =>
            new TeamsDirectoryService(context).Get(businessUnit, null, null).Select(u => u.UserPrincipalName);
    }
}
