using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync.Leases
{
    /// <summary>
    /// Graph's presence budget is per app (client id) and tenant, whichever host spends it. When
    /// one app serves units held by several hosts, each host spends budget x (its units of the app /
    /// all units of the app), rounded down: together they never exceed it, whoever holds the rest.
    /// The split changes only with the units this host holds, so it is set when the sync is rebuilt
    /// for a new set of leases.
    /// </summary>
    internal static class BudgetSplit
    {
        public static int Share(int budget, int mine, int all) =>
            all <= 0 || mine >= all ? budget : Math.Max(1, (int)((long)budget * mine / all));

        /// <summary>Sets each app's budget to this host's share, given the units it runs.</summary>
        public static void Apply(EngineContext context, IReadOnlyList<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units)
        {
            var held = new HashSet<long>(units.Select(u => u.Unit.Id));
            foreach (var app in units.SelectMany(u => u.Apps))
            {
                var all = context.Store.Read((c, tx) => AppRepository.SharingCredential(c, tx, app.CredentialId)).Select(a => a.UnitId).Distinct().ToList();
                var share = Share(app.PresenceBudget, all.Count(held.Contains), all.Count);
                if (share != app.PresenceBudget)
                    context.Host.WriteVerbose($"App {app.ClientId} serves {all.Count} units, {all.Count(held.Contains)} of them here: this host spends {share} of its {app.PresenceBudget} presence requests per window.");
                app.PresenceBudget = share;
            }
        }
    }
}
