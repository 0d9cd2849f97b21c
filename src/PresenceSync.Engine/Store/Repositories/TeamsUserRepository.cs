using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class TeamsUserRepository
    {
        private const string SelectSql = @"
SELECT user_id, upn, mail, proxy_addresses, display_name, account_enabled, deleted, updated_utc
FROM teams_user WHERE unit_id = $u";

        public static List<PresenceTeamsUser> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, SelectSql + " ORDER BY upn", r => Map(r, unit.Name), ("$u", unit.Id));

        public static PresenceTeamsUser? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, Guid id) =>
            Db.Query(c, tx, SelectSql + " AND user_id = $id", r => Map(r, unit.Name), ("$u", unit.Id), ("$id", Key(id)))
              .FirstOrDefault();

        /// <summary>Users (not deleted) that carry this address as UPN, mail or smtp proxy.</summary>
        public static List<(Guid UserId, string Kind)> ByAddress(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string address) =>
            Db.Query(c, tx, @"
SELECT a.user_id, a.kind FROM teams_user_address a
JOIN teams_user t ON t.unit_id = a.unit_id AND t.user_id = a.user_id
WHERE a.unit_id = $u AND a.address = $addr AND t.deleted = 0",
                r => (Guid.Parse(r.GetString(0)), r.GetString(1)), ("$u", unit.Id), ("$addr", address.Trim().ToLowerInvariant()));

        public static void Upsert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, Guid id, TeamsUserInput input, string now)
        {
            var key = Key(id);
            Db.Execute(c, tx, @"
INSERT INTO teams_user (unit_id, user_id, upn, mail, proxy_addresses, display_name, account_enabled, deleted, updated_utc)
VALUES ($u, $id, $upn, $mail, $proxy, $name, $enabled, 0, $t)
ON CONFLICT (unit_id, user_id) DO UPDATE SET upn = $upn, mail = $mail, proxy_addresses = $proxy,
    display_name = $name, account_enabled = $enabled, deleted = 0, updated_utc = $t",
                ("$u", unit.Id), ("$id", key), ("$upn", input.UserPrincipalName), ("$mail", input.Mail),
                ("$proxy", Db.JoinList(input.ProxyAddresses)), ("$name", input.DisplayName),
                ("$enabled", input.AccountEnabled ? 1 : 0), ("$t", now));

            Db.Execute(c, tx, "DELETE FROM teams_user_address WHERE unit_id = $u AND user_id = $id", ("$u", unit.Id), ("$id", key));
            foreach (var (address, kind) in MatchAddresses(input))
            {
                Db.Execute(c, tx, "INSERT INTO teams_user_address (unit_id, user_id, address, kind) VALUES ($u, $id, $a, $k)",
                    ("$u", unit.Id), ("$id", key), ("$a", address), ("$k", kind.ToString()));
            }
        }

        /// <summary>
        /// The addresses an agent's e-mail may match. Only smtp: proxies count (sip:, x500: and the
        /// like are not mailboxes); one address kept once, with its strongest kind.
        /// </summary>
        internal static IEnumerable<(string Address, MatchKind Kind)> MatchAddresses(TeamsUserInput input)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (!string.IsNullOrWhiteSpace(input.UserPrincipalName) && seen.Add(input.UserPrincipalName!.Trim().ToLowerInvariant()))
                yield return (input.UserPrincipalName.Trim().ToLowerInvariant(), MatchKind.UserPrincipalName);
            if (!string.IsNullOrWhiteSpace(input.Mail) && seen.Add(input.Mail!.Trim().ToLowerInvariant()))
                yield return (input.Mail.Trim().ToLowerInvariant(), MatchKind.Mail);
            foreach (var proxy in input.ProxyAddresses)
            {
                var trimmed = proxy.Trim();
                if (!trimmed.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase)) continue;
                var address = trimmed.Substring(5).Trim().ToLowerInvariant();
                if (address.Length > 0 && seen.Add(address)) yield return (address, MatchKind.ProxyAddress);
            }
        }

        internal static string Key(Guid id) => id.ToString("D");

        private static PresenceTeamsUser Map(DbDataReader r, string unitName) => new PresenceTeamsUser(
            unitName, Guid.Parse(r.GetString(0)), r.GetString(1), Db.NullableString(r, 2), Db.SplitList(r.GetString(3)),
            Db.NullableString(r, 4), r.GetInt64(5) != 0, r.GetInt64(6) != 0, Db.ParseTimestamp(r.GetString(7)));
    }
}
