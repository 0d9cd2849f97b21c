using System.IO;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;

namespace PresenceSync.Commands.Hosting
{
    internal static class StoreInfo
    {
        public static PresenceStoreInfo Of(PresenceStore store, string source)
        {
            var version = store.SchemaVersion;
            var size = !store.Shared && File.Exists(store.Path) ? new FileInfo(store.Path).Length : 0;
            return new PresenceStoreInfo(store.Path, source, version, size, store.Kind);
        }
    }
}
