using System.Reflection;

namespace PresenceSync.Loader
{
    /// <summary>What PresenceSync.psm1 imports: the cmdlets, and the engine whose types users see.</summary>
    public sealed class ModuleAssemblies
    {
        public ModuleAssemblies(Assembly commands, Assembly engine)
        {
            Commands = commands;
            Engine = engine;
        }

        /// <summary>PresenceSync.Commands: imported as the module's binary part.</summary>
        public Assembly Commands { get; }

        /// <summary>
        /// PresenceSync.Engine: imported too, though it has no cmdlets, because PowerShell resolves
        /// a type name like [PresenceSync.Engine.Model.PresenceAgent] only in the default load
        /// context and in the assemblies of imported modules.
        /// </summary>
        public Assembly Engine { get; }
    }
}
