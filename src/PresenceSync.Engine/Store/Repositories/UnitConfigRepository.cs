using System.Collections.Generic;
using System.Data.Common;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>Each unit's configuration version, bumped by triggers on every change a running sync must pick up.</summary>
    internal static class UnitConfigRepository
    {
        /// <summary>One unit's version, or null when the unit has no row (then nothing may be cached by it).</summary>
        public static long? VersionOf(DbConnection c, DbTransaction? tx, long unitId) =>
            Db.Scalar(c, tx, "SELECT version FROM unit_config WHERE unit_id = $u", ("$u", unitId)) is object v
                ? System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;

        public static Dictionary<long, long> Versions(DbConnection c, DbTransaction? tx)
        {
            var versions = new Dictionary<long, long>();
            foreach (var (unit, version) in Db.Query(c, tx, "SELECT unit_id, version FROM unit_config", r => (r.GetInt64(0), r.GetInt64(1))))
                versions[unit] = version;
            return versions;
        }
    }
}
