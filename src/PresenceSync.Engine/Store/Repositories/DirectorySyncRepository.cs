using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class DirectorySyncRepository
    {
        public static string? DeltaLink(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Scalar(c, tx, "SELECT delta_link FROM directory_sync WHERE unit_id = $u", ("$u", unit.Id)) as string;

        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string? deltaLink, bool full, string now) =>
            Db.Execute(c, tx, @"
INSERT INTO directory_sync (unit_id, delta_link, last_full_utc, last_sync_utc) VALUES ($u, $d, CASE WHEN $f = 1 THEN $t END, $t)
ON CONFLICT (unit_id) DO UPDATE SET delta_link = $d, last_sync_utc = $t,
    last_full_utc = CASE WHEN $f = 1 THEN $t ELSE directory_sync.last_full_utc END",
                ("$u", unit.Id), ("$d", deltaLink), ("$f", full), ("$t", now));

        public static HashSet<Guid> ActiveUserIds(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            new HashSet<Guid>(Db.Query(c, tx, "SELECT user_id FROM teams_user WHERE unit_id = $u AND deleted = 0",
                r => Guid.Parse(r.GetString(0)), ("$u", unit.Id)));

        public static int MarkDeleted(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, IEnumerable<Guid> ids, string now) =>
            ids.Sum(id => Db.Execute(c, tx, "UPDATE teams_user SET deleted = 1, updated_utc = $t WHERE unit_id = $u AND user_id = $id AND deleted = 0",
                ("$u", unit.Id), ("$id", TeamsUserRepository.Key(id)), ("$t", now)));
    }
}
