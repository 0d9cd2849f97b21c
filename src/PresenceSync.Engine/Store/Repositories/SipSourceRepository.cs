using System;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip.Config;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class SipSourceRepository
    {
        public static SipSourceRecord? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"
SELECT registrar, transport, domain, user_name, password_storage, protected_password, state_map, expires, resource_list,
       local_address, local_port, created_utc, updated_utc
FROM sip_source WHERE unit_id = $u", Map, ("$u", unit.Id)).FirstOrDefault();

        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, SipSourceRecord r) =>
            Db.Execute(c, tx, @"
INSERT INTO sip_source (unit_id, registrar, transport, domain, user_name, password_storage, protected_password, state_map, expires,
    resource_list, local_address, local_port, created_utc, updated_utc)
VALUES ($u, $r, $t, $d, $n, $ps, $pp, $m, $e, $rl, $la, $lp, $cr, $up)
ON CONFLICT (unit_id) DO UPDATE SET registrar = $r, transport = $t, domain = $d, user_name = $n, password_storage = $ps,
    protected_password = $pp, state_map = $m, expires = $e, resource_list = $rl, local_address = $la, local_port = $lp, updated_utc = $up",
                ("$u", unit.Id), ("$r", r.Registrar), ("$t", r.Transport.ToString()), ("$d", r.Domain), ("$n", r.UserName),
                ("$ps", r.PasswordStorage.ToString()), ("$pp", r.ProtectedPassword), ("$m", r.StateMapJson), ("$e", r.Expires),
                ("$rl", r.ResourceList), ("$la", r.LocalAddress), ("$lp", r.LocalPort), ("$cr", Db.Timestamp(r.CreatedUtc)), ("$up", Db.Timestamp(r.UpdatedUtc)));

        public static int Delete(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit) =>
            Db.Execute(c, tx, "DELETE FROM sip_source WHERE unit_id = $u", ("$u", unit.Id));

        private static SipSourceRecord Map(DbDataReader r) => new SipSourceRecord
        {
            Registrar = r.GetString(0),
            Transport = (SipTransport)Enum.Parse(typeof(SipTransport), r.GetString(1)),
            Domain = Db.NullableString(r, 2),
            UserName = r.GetString(3),
            PasswordStorage = (SecretStorage)Enum.Parse(typeof(SecretStorage), r.GetString(4)),
            ProtectedPassword = r.IsDBNull(5) ? null : (byte[])r.GetValue(5),
            StateMapJson = r.GetString(6),
            Expires = r.GetInt32(7),
            ResourceList = Db.NullableString(r, 8),
            LocalAddress = Db.NullableString(r, 9),
            LocalPort = r.GetInt32(10),
            CreatedUtc = Db.ParseTimestamp(r.GetString(11)),
            UpdatedUtc = Db.ParseTimestamp(r.GetString(12)),
        };
    }
}
