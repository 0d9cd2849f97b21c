using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Leases
{
    /// <summary>
    /// This host's unit leases on a shared store. Each <see cref="Look"/> (every
    /// <see cref="LookInterval"/>) refreshes the host's and its leases' heartbeats and takes or hands
    /// over units as <see cref="LeasePlan"/> decides, in one write transaction. A unit chosen for
    /// hand-over stays held (and renewed) until the sync has wound its writes down and calls
    /// <see cref="Release"/>.
    /// </summary>
    internal sealed class UnitLeases
    {
        public static readonly TimeSpan LookInterval = SyncLock.StandbyPoll;
        private readonly PresenceStore _store;
        private readonly ISet<long>? _mayRun;
        private readonly object _gate = new object();
        private readonly HashSet<long> _held = new HashSet<long>();
        private readonly HashSet<long> _handingOver = new HashSet<long>();
        private readonly bool _register;

        /// <param name="mayRun">The units this host may run (-BusinessUnit), null for any.</param>
        /// <param name="register">False for -Once: a run that ends soon takes no share and asks no host to hand a unit over.</param>
        public UnitLeases(PresenceStore store, ISet<long>? mayRun, bool register = true)
        {
            _store = store;
            _mayRun = mayRun;
            _register = register;
        }

        public string Owner { get; } = Guid.NewGuid().ToString("N");
        public TimeSpan Timeout => SyncLock.SharedLeaseTimeout;

        /// <summary>Units the sync should run now: held and not being handed over.</summary>
        public IReadOnlyCollection<long> Wanted
        {
            get { lock (_gate) return _held.Where(u => !_handingOver.Contains(u)).OrderBy(u => u).ToList(); }
        }

        public bool StopRequested { get; private set; }

        /// <summary>One look at the leases; returns a line for the verbose stream when something changed.</summary>
        public string? Look(DateTime now) => _store.Write((c, tx) =>
        {
            if (_register)
            {
                StopRequested = UnitLeaseRepository.BeatHost(c, tx, Owner, SyncLock.Host, SyncLock.Pid,
                    _mayRun == null ? "" : string.Join(",", _mayRun.OrderBy(u => u)), now);
                UnitLeaseRepository.ForgetHosts(c, tx, now - TimeSpan.FromTicks(Timeout.Ticks * 10));
            }
            UnitLeaseRepository.Renew(c, tx, Owner, now);
            var leases = UnitLeaseRepository.Leases(c, tx);
            var eligible = UnitLeaseRepository.Eligible(c, tx);
            foreach (var unit in eligible.Where(u => leases.All(l => l.UnitId != u)))
            {
                UnitLeaseRepository.MarkFree(c, tx, unit, now);
                leases.Add(new UnitOwner(unit, "", "", 0, now, now));
            }
            var hosts = UnitLeaseRepository.LiveHosts(c, tx, now - Timeout)
                .Select(h => (h.Owner, MayRun: h.Units.Length == 0 ? null : (ISet<long>)new HashSet<long>(h.Units.Split(',').Select(long.Parse)))).ToList();
            if (!_register && hosts.All(h => h.Owner != Owner)) hosts.Add((Owner, _mayRun));
            HashSet<long> keep;
            lock (_gate) keep = new HashSet<long>(_handingOver);
            var (take, handOver) = _register
                ? LeasePlan.Decide(Owner, _mayRun, eligible, leases, hosts, now, Timeout, keep)
                : (TakeAllFree(eligible, leases, now), (long?)null);
            foreach (var unit in take) UnitLeaseRepository.Take(c, tx, unit, Owner, SyncLock.Host, SyncLock.Pid, now);
            var held = new HashSet<long>(leases.Where(l => l.Owner == Owner).Select(l => l.UnitId).Concat(take));
            string? news;
            lock (_gate)
            {
                var lost = _held.Where(u => !held.Contains(u)).ToList();
                _held.Clear();
                _held.UnionWith(held);
                _handingOver.IntersectWith(held);
                if (handOver is long h) _handingOver.Add(h);
                news = take.Count == 0 && lost.Count == 0 && handOver == null ? null
                    : $"Unit leases: took {take.Count}, lost {lost.Count}{(handOver != null ? ", handing one over" : "")}; holding {_held.Count} of {eligible.Count}.";
            }
            return news;
        });

        private List<long> TakeAllFree(IReadOnlyCollection<long> eligible, IReadOnlyCollection<UnitOwner> leases, DateTime now) =>
            eligible.Where(u => _mayRun == null || _mayRun.Contains(u))
                .Where(u => leases.FirstOrDefault(l => l.UnitId == u) is not UnitOwner l || (l.Owner != Owner && !l.LiveAt(now, Timeout))).ToList();

        /// <summary>Hands back units whose writes have wound down.</summary>
        public void Release(IEnumerable<long> units, DateTime now)
        {
            var list = units.ToList();
            if (list.Count == 0) return;
            _store.Write((c, tx) => { foreach (var unit in list) UnitLeaseRepository.Release(c, tx, unit, Owner, now); return true; });
            lock (_gate)
            {
                _held.ExceptWith(list);
                _handingOver.ExceptWith(list);
            }
        }

        /// <summary>The host ends: every lease is handed back at once, for the other hosts to take.</summary>
        public void Leave(DateTime now) => _store.Write((c, tx) => { UnitLeaseRepository.Leave(c, tx, Owner, now); return true; });
    }
}
