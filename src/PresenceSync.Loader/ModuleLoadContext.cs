using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace PresenceSync.Loader
{
    /// <summary>
    /// The module's private load context on PowerShell 7. The cmdlets, the engine and everything
    /// they depend on (Microsoft.Graph, Kiota, Azure.Identity, Azure.Core, MSAL, IdentityModel,
    /// SQLite ...) load here from the module's bin folder, so another module that loaded other
    /// versions of the same assemblies (the Microsoft.Graph PowerShell SDK, Az.Accounts) neither
    /// breaks PresenceSync nor is broken by it, whichever is imported first. Only what the host
    /// process ships itself (the .NET runtime, PowerShell and its own assemblies) is shared.
    /// This context answers only the requests of the assemblies it loaded: nothing outside it
    /// ever receives one of its assemblies.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        // One per process: a load context cannot be shared with another process, and loading the
        // same assemblies twice would make two incompatible copies of every PresenceSync type
        // (a PresenceAgent from one runspace could not be piped into a cmdlet of another).
        private static readonly object Gate = new object();
        private static ModuleLoadContext? _instance;

        private readonly string _folder;
        private readonly HashSet<string> _hostAssemblies;

        private ModuleLoadContext(string folder)
            : base("PresenceSync", isCollectible: false)
        {
            _folder = folder;
            _hostAssemblies = HostAssemblies.Names();
            // The host's copy is preferred; when it is older than what the module was built
            // against, the default context refuses it and the module's own copy is taken here.
            Resolving += (_, name) => FromFolder(name);
        }

        /// <summary>The module's assemblies, loaded once per process from <paramref name="folder"/>.</summary>
        public static ModuleAssemblies Initialize(string folder)
        {
            lock (Gate)
            {
                var full = Path.GetFullPath(folder);
                if (_instance == null) _instance = new ModuleLoadContext(full);
                else if (!string.Equals(_instance._folder, full, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"PresenceSync is already loaded in this process from '{_instance._folder}'; start a new PowerShell session to use the copy in '{full}'.");
                }
                return new ModuleAssemblies(
                    _instance.LoadFromAssemblyName(new AssemblyName("PresenceSync.Commands")),
                    _instance.LoadFromAssemblyName(new AssemblyName("PresenceSync.Engine")));
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name == null || _hostAssemblies.Contains(name)) return null;
            return FromFolder(assemblyName);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = NativeLibraryPath.Find(_folder, unmanagedDllName);
            return path == null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }

        private Assembly? FromFolder(AssemblyName assemblyName)
        {
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
