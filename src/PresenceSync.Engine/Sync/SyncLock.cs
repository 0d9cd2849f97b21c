using System;
using System.Diagnostics;
using System.Data.Common;
using PresenceSync.Engine.Store;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// One sync per store. The lock row names its owner and carries a heartbeat; a second sync is
    /// refused with the owner's name, and a lock whose owner died (its process is gone on this host,
    /// or its heartbeat is stale) is taken over.
    /// </summary>
    internal sealed class SyncLock
    {
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

        /// <summary>
        /// On a shared store the lock is a lease: a host whose heartbeat is this old is taken as gone
        /// (three missed heartbeats), so a standby host takes over within about half a minute.
        /// </summary>
        public static readonly TimeSpan SharedLeaseTimeout = TimeSpan.FromSeconds(30);

        /// <summary>How often a standby host looks whether the lease has lapsed.</summary>
        public static readonly TimeSpan StandbyPoll = TimeSpan.FromSeconds(2);
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
        private readonly PresenceStore _store;
        private readonly string _owner;

        public SyncLock(PresenceStore store)
        {
            _store = store;
            _owner = Guid.NewGuid().ToString("N");
        }

        /// <summary>The run's id, also the owner of the unit leases it writes (so the status names the owner per unit).</summary>
        public string Owner => _owner;

        public static string Host => Environment.MachineName;
        public static int Pid => Process.GetCurrentProcess().Id;

        /// <summary>Takes the lock; returns a warning when a dead owner's lock was recovered.</summary>
        public string? Acquire(DateTime now, System.Collections.Generic.IEnumerable<long>? units = null) => _store.Write((c, tx) =>
        {
            string? recovered = null;
            var current = Describe(c, tx);
            if (current != null)
            {
                var (host, pid, started, heartbeat) = current.Value;
                var alive = now - heartbeat < Timeout && (host != Host || ProcessAlive(pid));
                if (alive)
                {
                    throw new PresenceSyncException(new EngineError(ErrorIds.SyncAlreadyRunning, ErrorKind.ResourceBusy,
                        $"A sync already runs on this store: process {pid} on {host}, started {started:u}, last seen {heartbeat:u}.",
                        $"{host}:{pid}", "Stop it with Stop-PresenceSync (or wait for it to end); a crashed sync's lock is freed automatically after a minute."),
                        fatal: true);
                }
                recovered = $"Recovered the lock of a sync that is gone (process {pid} on {host}, last seen {heartbeat:u}).";
                Db.Execute(c, tx, "DELETE FROM sync_lock");
            }
            var stamp = Db.Timestamp(now);
            Db.Execute(c, tx, "INSERT INTO sync_lock (id, owner, host, pid, started_utc, heartbeat_utc) VALUES (1, $o, $h, $p, $t, $t)",
                ("$o", _owner), ("$h", Host), ("$p", Pid), ("$t", stamp));
            // The lock excludes every other sync; the unit leases only name this one as each unit's owner.
            foreach (var unit in units ?? System.Linq.Enumerable.Empty<long>()) Store.Repositories.UnitLeaseRepository.Take(c, tx, unit, _owner, Host, Pid, now);
            return recovered;
        });

        private TimeSpan Timeout => _store.Shared ? SharedLeaseTimeout : StaleAfter;

        /// <summary>
        /// A standby host's start: tries the lock until the sync that holds it is gone (its lease
        /// lapsed, or it ended), then takes it; returns the recovery warning as <see cref="Acquire"/> does.
        /// </summary>
        public async System.Threading.Tasks.Task<string?> AcquireWhenFreeAsync(Func<DateTime> now, Action<string> report, System.Threading.CancellationToken ct)
        {
            var reported = false;
            while (true)
            {
                try
                {
                    return Acquire(now());
                }
                catch (PresenceSyncException ex) when (ex.Error.ErrorId == ErrorIds.SyncAlreadyRunning)
                {
                    if (!reported) report("Standing by: " + ex.Error.Message);
                    reported = true;
                }
                await System.Threading.Tasks.Task.Delay(StandbyPoll, ct).ConfigureAwait(false);
            }
        }

        /// <summary>Refreshes the heartbeat; true when someone asked this sync to stop.</summary>
        public bool Heartbeat(DateTime now) => _store.Write((c, tx) =>
        {
            Db.Execute(c, tx, "UPDATE sync_lock SET heartbeat_utc = $t WHERE owner = $o", ("$t", Db.Timestamp(now)), ("$o", _owner));
            Store.Repositories.UnitLeaseRepository.Renew(c, tx, _owner, now);
            return Convert.ToInt64(Db.Scalar(c, tx, "SELECT COALESCE(MAX(stop_requested), 0) FROM sync_lock WHERE owner = $o", ("$o", _owner)) ?? 0L) != 0;
        });

        public void Release() => _store.Write((c, tx) =>
        {
            Store.Repositories.UnitLeaseRepository.Leave(c, tx, _owner, DateTime.UtcNow);
            return Db.Execute(c, tx, "DELETE FROM sync_lock WHERE owner = $o", ("$o", _owner));
        });

        /// <summary>Asks the sync (on a shared store: every host) to stop.</summary>
        public static bool RequestStop(PresenceStore store) =>
            store.Write((c, tx) => Db.Execute(c, tx, "UPDATE sync_lock SET stop_requested = 1") + Store.Repositories.UnitLeaseRepository.RequestStop(c, tx)) > 0;

        /// <summary>Who runs the sync: the lock's owner, or on a shared store every live host ("; "-joined); null when none.</summary>
        public static string? Running(PresenceStore store, DateTime now) => store.Read((c, tx) =>
        {
            if (store.Shared)
            {
                var hosts = Store.Repositories.UnitLeaseRepository.DescribeLiveHosts(c, tx, now - SharedLeaseTimeout);
                return hosts.Count == 0 ? null : string.Join("; ", hosts);
            }
            var current = Describe(c, tx);
            if (current == null) return null;
            var (host, pid, started, heartbeat) = current.Value;
            return now - heartbeat < (store.Shared ? SharedLeaseTimeout : StaleAfter) ? $"process {pid} on {host} since {started:u}" : null;
        });

        private static (string Host, int Pid, DateTime Started, DateTime Heartbeat)? Describe(DbConnection c, DbTransaction? tx)
        {
            var rows = Db.Query(c, tx, "SELECT host, pid, started_utc, heartbeat_utc FROM sync_lock WHERE id = 1",
                r => (r.GetString(0), r.GetInt32(1), Db.ParseTimestamp(r.GetString(2)), Db.ParseTimestamp(r.GetString(3))));
            return rows.Count == 0 ? ((string, int, DateTime, DateTime)?)null : rows[0];
        }

        private static bool ProcessAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
