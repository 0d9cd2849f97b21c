using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

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
        private readonly string? _businessUnit;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private PresenceBusinessUnit? _unit;
        private int _created, _updated, _refused;

        public AgentImport(EngineContext context, string? businessUnit)
        {
            _context = context;
            _businessUnit = businessUnit;
        }

        public void Begin() => _unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, _businessUnit));

        /// <summary>Stores one agent; returns it, or null when it was refused or skipped.</summary>
        public PresenceAgent? Process(AgentInput input)
        {
            var unit = _unit ?? throw new InvalidOperationException("Begin was not called.");
            var error = Validate(input);
            if (error != null)
            {
                _refused++;
                _context.Host.WriteError(error);
                return null;
            }
            var agentId = input.AgentId!.Trim();
            input.AgentId = agentId;
            input.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email!.Trim();
            input.Teams = input.Teams.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
            _seen.Add(agentId);

            var existing = _context.Store.Read((c, tx) => AgentRepository.Find(c, tx, unit, agentId));
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
            _context.Host.WriteVerbose($"Agents into business unit '{_unit?.Name}': {_created} new, {_updated} updated, {_refused} refused.");

        private EngineError? Validate(AgentInput input)
        {
            var target = input.Source ?? input;
            if (string.IsNullOrWhiteSpace(input.AgentId))
            {
                return new EngineError(ErrorIds.MissingAgentId, ErrorKind.InvalidData,
                    $"An agent row has no agent id (name '{input.Name}', e-mail '{input.Email}').", target,
                    "Give every row an AgentId column (Id and AgentNumber are accepted too).");
            }
            if (_seen.Contains(input.AgentId!.Trim()))
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
