using System.Collections.Concurrent;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Each unit's intake rules, read again only when the unit's configuration version moved (the
    /// store's triggers bump it on every rule, row and assignment change). Checking the version is
    /// one query where reading the rules is three, and on PostgreSQL each is a round trip made
    /// while the store's write lock is held. Belongs to one intake, so to one session or sync run.
    /// </summary>
    internal sealed class IntakeRulesCache
    {
        private readonly ConcurrentDictionary<long, (long Version, IntakeRules Rules)> _byUnit = new ConcurrentDictionary<long, (long, IntakeRules)>();

        /// <summary>The unit's rules as of this transaction (called inside the write transaction, so the version is exact).</summary>
        public IntakeRules For(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit)
        {
            var version = UnitConfigRepository.VersionOf(c, tx, unit.Id);
            if (version is long v && _byUnit.TryGetValue(unit.Id, out var known) && known.Version == v) return known.Rules;
            var rules = new IntakeRules(c, tx, unit);
            if (version is long seen) _byUnit[unit.Id] = (seen, rules);
            return rules;
        }
    }
}
