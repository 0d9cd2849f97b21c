using System.Collections.Generic;
using System.Data.Common;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>Each unit's configuration version, bumped by triggers on every change a running sync must pick up.</summary>
    internal static class UnitConfigRepository
    {
        public static Dictionary<long, long> Versions(DbConnection c, DbTransaction? tx)
        {
            var versions = new Dictionary<long, long>();
            foreach (var (unit, version) in Db.Query(c, tx, "SELECT unit_id, version FROM unit_config", r => (r.GetInt64(0), r.GetInt64(1))))
                versions[unit] = version;
            return versions;
        }
    }
}
