using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Sync.Leases
{
    /// <summary>
    /// What one host does with the unit leases at one look, decided from the store's rows alone
    /// (so every host decides the same way): each live host aims at a fair share, ceil(units /
    /// live hosts). A host takes free units (new, handed back, or lapsed) up to its share; a unit
    /// left free longer than <see cref="FreeGrace"/> (no host with room may run it, or its owner
    /// died) is taken by any host that may run it, share or not. A host holding more than its share
    /// while a live host that may run one of its units holds less hands one unit over per look.
    /// </summary>
    internal static class LeasePlan
    {
        /// <summary>Longer than a few lease looks, so a unit handed over goes to the host that asked for it.</summary>
        public static readonly TimeSpan FreeGrace = TimeSpan.FromSeconds(10);

        public static int Share(int units, int liveHosts) => units == 0 ? 0 : (units + Math.Max(1, liveHosts) - 1) / Math.Max(1, liveHosts);

        /// <param name="me">This host's run id.</param>
        /// <param name="mayRun">Units this host may run (-BusinessUnit), null for any.</param>
        /// <param name="eligible">Units that can sync (they have an app), by id.</param>
        /// <param name="leases">Every lease row.</param>
        /// <param name="hosts">Live hosts (this one included) with the units each may run, null for any.</param>
        /// <param name="keep">Units this host is handing over already: neither taken again nor counted as wanted.</param>
        public static (List<long> Take, long? HandOver) Decide(string me, ISet<long>? mayRun, IReadOnlyCollection<long> eligible,
            IReadOnlyCollection<UnitOwner> leases, IReadOnlyList<(string Owner, ISet<long>? MayRun)> hosts, DateTime now, TimeSpan timeout, ISet<long> keep)
        {
            var byUnit = leases.ToDictionary(l => l.UnitId);
            var share = Share(eligible.Count, hosts.Count);
            var held = leases.Where(l => l.Owner == me && eligible.Contains(l.UnitId)).Select(l => l.UnitId).Where(u => !keep.Contains(u)).ToList();
            var take = new List<long>();
            foreach (var unit in eligible.OrderBy(u => u))
            {
                if (mayRun != null && !mayRun.Contains(unit)) continue;
                if (keep.Contains(unit)) continue;
                byUnit.TryGetValue(unit, out var lease);
                if (lease != null && lease.Owner == me) continue;
                if (lease != null && lease.LiveAt(now, timeout)) continue;
                var freeSince = lease?.HeartbeatUtc ?? now;   // a unit without a row is new: free from now on
                if (held.Count + take.Count < share || now - freeSince >= FreeGrace) take.Add(unit);
            }
            long? handOver = null;
            var mine = held.Count + take.Count;
            if (keep.Count == 0 && mine > share)
            {
                var counts = hosts.ToDictionary(h => h.Owner, h => leases.Count(l => l.Owner == h.Owner && l.LiveAt(now, timeout) && eligible.Contains(l.UnitId)));
                foreach (var unit in held.OrderByDescending(u => u))
                {
                    var hungry = hosts.Any(h => h.Owner != me && counts[h.Owner] < share && (h.MayRun == null || h.MayRun.Contains(unit)));
                    if (hungry) { handOver = unit; break; }
                }
            }
            return (take, handOver);
        }
    }
}
