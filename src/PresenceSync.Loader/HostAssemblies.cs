using System;
using System.Collections.Generic;
using System.IO;

namespace PresenceSync.Loader
{
    /// <summary>
    /// The assemblies the host process ships itself: the .NET runtime, and PowerShell with its own
    /// assemblies (pwsh), or whatever an application that hosts PowerShell was built with. These
    /// are the host's trusted platform assemblies, fixed when the process started; an assembly
    /// another module loads later is never one of them.
    /// </summary>
    internal static class HostAssemblies
    {
        public static HashSet<string> Names()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
            return names;
        }
    }
}
