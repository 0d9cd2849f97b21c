using System.Management.Automation;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>Shows which store this session uses, where that choice came from, and its schema version.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSyncStore")]
    [OutputType(typeof(PresenceStoreInfo))]
    public sealed class GetPresenceSyncStoreCommand : PresenceSyncCmdlet
    {
        protected override void Process()
        {
            var (store, source) = ModuleSession.Current.ResolveStore();
            WriteObject(StoreInfo.Of(store, source));
        }
    }
}
