using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// Windows PowerShell 5.1 has no binding redirects for a module, so when the Graph SDK asks for
    /// System.Memory 4.0.1.2 and the module's bin folder holds 4.0.5.0, loading fails. This answers
    /// such a request from the bin folder, whatever version was asked for, but only when the
    /// requesting assembly is one of the module's own (it lives in that folder): another module's
    /// request is never answered with PresenceSync's copy, and it keeps its own versions. On
    /// PowerShell 7 the module's load context (PresenceSync.Loader) answers its requests before
    /// this handler is asked, so it stays idle there.
    /// </summary>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).GetTypeInfo().Assembly.Location)!;

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            ModuleSession.Current.ReleaseStores();
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!IsModuleAssembly(args.RequestingAssembly)) return null;
            var name = new AssemblyName(args.Name).Name;
            var candidate = Path.Combine(Folder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        /// <summary>
        /// Whether the request comes from an assembly loaded from the module's folder. A request
        /// with no known requester (Assembly.Load by name, Type.GetType) is not the module's to
        /// answer.
        /// </summary>
        internal static bool IsModuleAssembly(Assembly? requester)
        {
            if (requester == null || requester.IsDynamic) return false;
            string location;
            try { location = requester.Location; }
            catch (NotSupportedException) { return false; }
            if (string.IsNullOrEmpty(location)) return false;
            return string.Equals(Path.GetDirectoryName(location), Folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
