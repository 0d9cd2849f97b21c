using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Units;

namespace PresenceSync.Engine.Agents
{
    /// <summary>
    /// Imports agents one pipeline item at a time (Begin/Process/End, called one to one by the
    /// cmdlet). Each good row is stored in its own transaction as it arrives, so a bad row, a
    /// stopped pipeline or a crash never undoes the rows before it.
    /// </summary>
    public sealed class AgentImport
    {
        private readonly EngineContext _context;
        private readonly UnitCache _units;
        private readonly HashSet<string> _seen = new HashSet<string>(KeyComparer.Instance);
        private int _created, _updated, _refused;

        public AgentImport(EngineContext context, string? businessUnit)
        {
            _context = context;
            _units = new UnitCache(context, businessUnit);
        }

        public void Begin() { }

        /// <summary>
        /// Stores one agent; returns it, or null when it was refused or skipped. A row may name its
        /// own business unit; properties it leaves out (null) keep their stored values.
        /// </summary>
        public PresenceAgent? Process(AgentInput input, string? businessUnit = null)
        {
            var unit = _units.Get(businessUnit);
            var error = Validate(input, unit);
            if (error != null)
            {
                _refused++;
                _context.Host.WriteError(error);
                return null;
            }
            var agentId = KeyText.Normalize(input.AgentId!);
            _seen.Add(unit.Name + "\u0000" + agentId);

            // Another spelling of a stored id ("ägent1" for "Ägent1") is that agent: it is updated and keeps its stored id.
            var existing = _context.Store.Read((c, tx) => AgentRepository.Find(c, tx, unit, agentId));
            if (existing != null && existing.AgentId != agentId)
                _context.Host.WriteVerbose($"The agent id '{agentId}' is the stored agent '{existing.AgentId}' under PresenceSync's key rule: updating it.");
            agentId = existing?.AgentId ?? agentId;
            input.AgentId = agentId;
            Merge(input, existing);
            if (!_context.Host.ShouldProcess($"{agentId} ({input.Name ?? input.Email})", existing == null ? "Import agent" : "Update agent"))
                return null;
            return _context.Store.Write((c, tx) =>
            {
                AgentRepository.Upsert(c, tx, unit, input, _context.Now);
                if (existing == null) _created++; else _updated++;
                return AgentRepository.Find(c, tx, unit, agentId);
            });
        }

        public void End() =>
            _context.Host.WriteVerbose($"Agents imported: {_created} new, {_updated} updated, {_refused} refused.");

        /// <summary>Null means "not given": keep what is stored. An empty value clears it.</summary>
        private static void Merge(AgentInput input, PresenceAgent? existing)
        {
            input.Name = input.Name == null ? existing?.Name : Blank(input.Name);
            input.Email = input.Email == null ? existing?.Email : Blank(input.Email);
            input.Extension = input.Extension == null ? existing?.Extension : Blank(input.Extension);
            input.Teams = (input.Teams ?? existing?.Teams.ToList() ?? new List<string>()).Select(KeyText.Normalize).Where(t => t.Length > 0).ToList();
        }

        private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private EngineError? Validate(AgentInput input, PresenceBusinessUnit unit)
        {
            var target = input.Source ?? input;
            if (string.IsNullOrWhiteSpace(input.AgentId))
            {
                return new EngineError(ErrorIds.MissingAgentId, ErrorKind.InvalidData,
                    $"An agent row has no agent id (name '{input.Name}', e-mail '{input.Email}').", target,
                    "Give every row an AgentId column (Id and AgentNumber are accepted too).");
            }
            if (KeyText.Problem(input.AgentId!.Trim()) is string problem)
            {
                return new EngineError(ErrorIds.InvalidAgentId, ErrorKind.InvalidData,
                    $"The agent id '{KeyText.Visible(input.AgentId!.Trim())}' {problem}.", target,
                    $"Agent ids are at most {KeyText.MaxLength} characters without control, bidi or zero-width characters: fix the source and import again.");
            }
            if (input.Teams?.Select(t => t.Trim()).FirstOrDefault(t => t.Length > 0 && KeyText.Problem(t) != null) is string badTeam)
            {
                return new EngineError(ErrorIds.InvalidKey, ErrorKind.InvalidData,
                    $"The agent '{input.AgentId!.Trim()}' has an ACD team name that {KeyText.Problem(badTeam)}: '{KeyText.Visible(badTeam)}'.", target);
            }
            if (_seen.Contains(unit.Name + "\u0000" + KeyText.Normalize(input.AgentId!)))
            {
                return new EngineError(ErrorIds.DuplicateAgentId, ErrorKind.InvalidData,
                    $"The agent id '{input.AgentId!.Trim()}' appears more than once in this import; the first row was kept.", target,
                    "Agent ids must be unique within a business unit: fix the source and import again.");
            }
            if (!string.IsNullOrWhiteSpace(input.Email) && !LooksLikeEmail(input.Email!))
            {
                return new EngineError(ErrorIds.InvalidAgentEmail, ErrorKind.InvalidData,
                    $"The agent '{input.AgentId!.Trim()}' has an e-mail address that is not one: '{input.Email}'.", target);
            }
            return null;
        }

        internal static bool LooksLikeEmail(string text)
        {
            var t = text.Trim();
            var at = t.IndexOf('@');
            return at > 0 && at == t.LastIndexOf('@') && at < t.Length - 1 && t.IndexOf(' ') < 0;
        }
    }
}
