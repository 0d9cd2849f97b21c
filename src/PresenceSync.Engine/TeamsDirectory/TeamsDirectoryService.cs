using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.TeamsDirectory
{
    /// <summary>Reads the stored Teams directory and resolves what an admin types into one user.</summary>
    public sealed class TeamsDirectoryService
    {
        private readonly EngineContext _context;

        public TeamsDirectoryService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceTeamsUser> Get(string? businessUnit, string? upnPattern, Guid? id)
        {
            var users = _context.Store.Read((c, tx) =>
                TeamsUserRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            IEnumerable<PresenceTeamsUser> query = users;
            if (id is Guid wanted) query = query.Where(u => u.Id == wanted);
            if (!string.IsNullOrEmpty(upnPattern))
            {
                var pattern = new WildcardPattern(upnPattern!);
                query = query.Where(u => pattern.IsMatch(u.UserPrincipalName) || pattern.IsMatch(u.DisplayName));
            }
            var result = query.ToList();
            if (result.Count == 0 && (id != null || (upnPattern != null && !WildcardPattern.ContainsWildcards(upnPattern))))
            {
                _context.Error(ErrorIds.TeamsUserNotFound, ErrorKind.ObjectNotFound,
                    $"No Teams user '{(object?)id ?? upnPattern}' is in the stored directory.", (object?)id ?? upnPattern);
            }
            return result;
        }

        /// <summary>
        /// Finds the one user an admin means by an object id, a UPN, a mail address or an smtp
        /// proxy address; refuses rather than guesses when several users carry the address.
        /// </summary>
        internal static PresenceTeamsUser Resolve(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string reference)
        {
            var text = (reference ?? string.Empty).Trim();
            if (Guid.TryParse(text, out var id))
            {
                return TeamsUserRepository.Find(c, tx, unit, id)
                    ?? throw NotFound(unit, text);
            }
            var hits = TeamsUserRepository.ByAddress(c, tx, unit, text).Select(h => h.UserId).Distinct().ToList();
            if (hits.Count == 0) throw NotFound(unit, text);
            if (hits.Count > 1)
            {
                throw EngineContext.Fail(ErrorIds.AmbiguousTeamsUserReference, ErrorKind.InvalidArgument,
                    $"'{text}' is an address of {hits.Count} Teams users ({string.Join(", ", hits)}); name the user by object id.", text);
            }
            return TeamsUserRepository.Find(c, tx, unit, hits[0])!;
        }

        private static PresenceSyncException NotFound(PresenceBusinessUnit unit, string text) =>
            EngineContext.Fail(ErrorIds.TeamsUserNotFound, ErrorKind.ObjectNotFound,
                $"No Teams user '{text}' is in the stored directory of business unit '{unit.Name}'.", text,
                "Import the directory first (Import-PresenceTeamsUser or Sync-PresenceTeamsUser).");
    }
}
