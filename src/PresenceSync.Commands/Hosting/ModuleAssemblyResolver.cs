using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// Windows PowerShell 5.1 has no binding redirects for a module, so when the Graph SDK asks for
    /// System.Memory 4.0.1.2 and the folder holds 4.0.5.0, loading fails. This resolves any
    /// assembly the module folder holds by simple name, whatever version was asked for. On
    /// PowerShell 7 the runtime unifies versions itself and the handler is rarely called.
    /// </summary>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).GetTypeInfo().Assembly.Location)!;

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var candidate = Path.Combine(Folder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
