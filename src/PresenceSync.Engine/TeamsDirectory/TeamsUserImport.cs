using System;
using System.Collections.Generic;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.TeamsDirectory
{
    /// <summary>
    /// Imports directory users one pipeline item at a time, each in its own transaction. The same
    /// table is filled later by Sync-PresenceTeamsUser from Graph.
    /// </summary>
    public sealed class TeamsUserImport
    {
        private readonly EngineContext _context;
        private readonly Units.UnitCache _units;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private int _stored, _refused;

        public TeamsUserImport(EngineContext context, string? businessUnit)
        {
            _context = context;
            _units = new Units.UnitCache(context, businessUnit);
        }

        public void Begin() { }

        /// <summary>Stores one directory user; a row may name its own business unit.</summary>
        public PresenceTeamsUser? Process(TeamsUserInput input, string? businessUnit = null)
        {
            var unit = _units.Get(businessUnit);
            var target = input.Source ?? input;
            if (string.IsNullOrWhiteSpace(input.Id))
                return Refuse(ErrorIds.MissingTeamsUserId, $"A directory row has no object id (UPN '{input.UserPrincipalName}').", target);
            if (!Guid.TryParse(input.Id!.Trim(), out var id))
                return Refuse(ErrorIds.InvalidTeamsUserId, $"'{input.Id}' is not a directory object id (a GUID) (UPN '{input.UserPrincipalName}').", target);
            if (string.IsNullOrWhiteSpace(input.UserPrincipalName))
                return Refuse(ErrorIds.MissingUserPrincipalName, $"The directory user '{id}' has no user principal name.", target);
            if (!_seen.Add(unit.Name + "\u0000" + id))
                return Refuse(ErrorIds.DuplicateTeamsUserId, $"The directory user '{id}' appears more than once in this import; the first row was kept.", target);

            input.UserPrincipalName = input.UserPrincipalName!.Trim();
            if (!_context.Host.ShouldProcess($"{input.UserPrincipalName} ({id})", "Import Teams user")) return null;
            return _context.Store.Write((c, tx) =>
            {
                TeamsUserRepository.Upsert(c, tx, unit, id, input, _context.Now);
                _stored++;
                return TeamsUserRepository.Find(c, tx, unit, id);
            });
        }

        public void End() =>
            _context.Host.WriteVerbose($"Teams users imported: {_stored} stored, {_refused} refused.");

        private PresenceTeamsUser? Refuse(string errorId, string message, object target)
        {
            _refused++;
            _context.Error(errorId, ErrorKind.InvalidData, message, target);
            return null;
        }
    }
}
