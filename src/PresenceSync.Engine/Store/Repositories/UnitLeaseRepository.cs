using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Sync.Leases;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>
    /// The hosts of a shared store and their unit leases (V013). Every change runs in a write
    /// transaction, which the backends serialise (SQLite's write lock, PostgreSQL's advisory lock),
    /// so a read followed by a take in one transaction cannot race another host's.
    /// </summary>
    internal static class UnitLeaseRepository
    {
        /// <summary>Registers the host or refreshes its heartbeat; true when Stop-PresenceSync asked it to stop.</summary>
        public static bool BeatHost(DbConnection c, DbTransaction tx, string owner, string host, int pid, string units, DateTime now)
        {
            var t = Db.Timestamp(now);
            if (Db.Execute(c, tx, "UPDATE sync_host SET heartbeat_utc = $t, units = $n WHERE owner = $o", ("$t", t), ("$n", units), ("$o", owner)) == 0)
                Db.Execute(c, tx, "INSERT INTO sync_host (owner, host, pid, started_utc, heartbeat_utc, units) VALUES ($o, $h, $p, $t, $t, $n)",
                    ("$o", owner), ("$h", host), ("$p", pid), ("$t", t), ("$n", units));
            return Convert.ToInt64(Db.Scalar(c, tx, "SELECT COALESCE(MAX(stop_requested), 0) FROM sync_host WHERE owner = $o", ("$o", owner)) ?? 0L) != 0;
        }

        /// <summary>Hosts whose heartbeat is newer than <paramref name="cut"/>: owner id and the units it may run (empty: any).</summary>
        public static List<(string Owner, string Units)> LiveHosts(DbConnection c, DbTransaction? tx, DateTime cut) =>
            Db.Query(c, tx, "SELECT owner, units FROM sync_host WHERE heartbeat_utc > $c AND stop_requested = 0 ORDER BY started_utc, owner",
                r => (r.GetString(0), r.GetString(1)), ("$c", Db.Timestamp(cut)));

        /// <summary>Hosts still registered, for the status: "process 12 on host-a since ..." per live host.</summary>
        public static List<string> DescribeLiveHosts(DbConnection c, DbTransaction? tx, DateTime cut) =>
            Db.Query(c, tx, "SELECT host, pid, started_utc FROM sync_host WHERE heartbeat_utc > $c ORDER BY started_utc, owner",
                r => $"process {Convert.ToInt32(r.GetValue(1))} on {r.GetString(0)} since {Db.ParseTimestamp(r.GetString(2)):u}", ("$c", Db.Timestamp(cut)));

        public static List<UnitOwner> Leases(DbConnection c, DbTransaction? tx) =>
            Db.Query(c, tx, "SELECT unit_id, owner, host, pid, since_utc, heartbeat_utc FROM sync_unit_lease",
                r => new UnitOwner(r.GetInt64(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3)),
                    Db.ParseTimestamp(r.GetString(4)), Db.ParseTimestamp(r.GetString(5))));

        /// <summary>Takes a unit's lease (new, handed back, or lapsed: the caller checked which in this transaction).</summary>
        public static void Take(DbConnection c, DbTransaction tx, long unitId, string owner, string host, int pid, DateTime now)
        {
            var t = Db.Timestamp(now);
            if (Db.Execute(c, tx, "UPDATE sync_unit_lease SET owner = $o, host = $h, pid = $p, since_utc = $t, heartbeat_utc = $t WHERE unit_id = $u",
                    ("$o", owner), ("$h", host), ("$p", pid), ("$t", t), ("$u", unitId)) == 0)
                Db.Execute(c, tx, "INSERT INTO sync_unit_lease (unit_id, owner, host, pid, since_utc, heartbeat_utc) VALUES ($u, $o, $h, $p, $t, $t)",
                    ("$u", unitId), ("$o", owner), ("$h", host), ("$p", pid), ("$t", t));
        }

        /// <summary>Notes a new unit as free from now on, so that the free-for-long rule can count from somewhere.</summary>
        public static void MarkFree(DbConnection c, DbTransaction tx, long unitId, DateTime now)
        {
            var t = Db.Timestamp(now);
            Db.Execute(c, tx, "INSERT INTO sync_unit_lease (unit_id, owner, host, pid, since_utc, heartbeat_utc) VALUES ($u, '', '', 0, $t, $t)", ("$u", unitId), ("$t", t));
        }

        /// <summary>Units that can sync: those with an app.</summary>
        public static List<long> Eligible(DbConnection c, DbTransaction? tx) =>
            Db.Query(c, tx, "SELECT DISTINCT unit_id FROM sync_app ORDER BY unit_id", r => r.GetInt64(0));

        /// <summary>Refreshes the heartbeat of every lease the host still holds.</summary>
        public static void Renew(DbConnection c, DbTransaction tx, string owner, DateTime now) =>
            Db.Execute(c, tx, "UPDATE sync_unit_lease SET heartbeat_utc = $t WHERE owner = $o", ("$t", Db.Timestamp(now)), ("$o", owner));

        /// <summary>Hands a lease back: free at once for another host (its heartbeat says when it was handed back).</summary>
        public static void Release(DbConnection c, DbTransaction tx, long unitId, string owner, DateTime now) =>
            Db.Execute(c, tx, "UPDATE sync_unit_lease SET owner = '', heartbeat_utc = $t WHERE unit_id = $u AND owner = $o",
                ("$t", Db.Timestamp(now)), ("$u", unitId), ("$o", owner));

        /// <summary>A host that ends hands back all its leases and leaves the host list.</summary>
        public static void Leave(DbConnection c, DbTransaction tx, string owner, DateTime now)
        {
            Db.Execute(c, tx, "UPDATE sync_unit_lease SET owner = '', heartbeat_utc = $t WHERE owner = $o", ("$t", Db.Timestamp(now)), ("$o", owner));
            Db.Execute(c, tx, "DELETE FROM sync_host WHERE owner = $o", ("$o", owner));
        }

        /// <summary>Hosts gone for a long time are forgotten (their leases lapsed long ago).</summary>
        public static void ForgetHosts(DbConnection c, DbTransaction tx, DateTime cut) =>
            Db.Execute(c, tx, "DELETE FROM sync_host WHERE heartbeat_utc < $c", ("$c", Db.Timestamp(cut)));

        public static int RequestStop(DbConnection c, DbTransaction tx) => Db.Execute(c, tx, "UPDATE sync_host SET stop_requested = 1");
    }
}
