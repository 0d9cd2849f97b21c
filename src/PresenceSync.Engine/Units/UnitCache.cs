using System;
using System.Collections.Concurrent;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Units
{
    /// <summary>
    /// Resolves business unit names for a pipeline whose rows may each name their own unit,
    /// reading each unit once. An unknown name fails only the row that used it. Thread-safe: the
    /// event endpoint resolves units from concurrent requests.
    /// </summary>
    internal sealed class UnitCache
    {
        private readonly EngineContext _context;
        private readonly string? _default;
        private readonly ConcurrentDictionary<string, PresenceBusinessUnit> _units = new ConcurrentDictionary<string, PresenceBusinessUnit>(StringComparer.OrdinalIgnoreCase);

        public UnitCache(EngineContext context, string? defaultUnit)
        {
            _context = context;
            _default = defaultUnit;
        }

        public PresenceBusinessUnit Get(string? name)
        {
            var wanted = string.IsNullOrWhiteSpace(name) ? (string.IsNullOrWhiteSpace(_default) ? PresenceBusinessUnit.DefaultName : _default!) : name!.Trim();
            if (_units.TryGetValue(wanted, out var unit)) return unit;
            unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, wanted));
            return _units.GetOrAdd(wanted, unit);
        }
    }
}
