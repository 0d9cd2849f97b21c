using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Mapping
{
    /// <summary>
    /// Maps unmapped agents to Teams users by e-mail: UPN, mail or smtp proxy address, ignoring
    /// case. Anything that is not one agent to one user is reported and left alone; NFON picks one
    /// at random, which silently syncs the wrong person.
    /// </summary>
    public sealed class AutoMapper
    {
        private const int ProgressId = 7301;
        private readonly EngineContext _context;

        public AutoMapper(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceUserMapping> Run(string? businessUnit)
        {
            var (unit, matches) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, Plan(c, tx, u));
            });

            var approved = new List<AutoMatch>();
            for (var i = 0; i < matches.Count; i++)
            {
                _context.Host.Cancellation.ThrowIfCancellationRequested();
                if (i % 50 == 0) _context.Host.WriteProgress(ProgressInfo.Of(ProgressId, "Auto-mapping agents", i, matches.Count));
                if (_context.Host.ShouldProcess(matches[i].Agent.AgentId, matches[i].Describe())) approved.Add(matches[i]);
            }
            _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, "Auto-mapping agents"));
            if (approved.Count == 0) return Array.Empty<PresenceUserMapping>();

            // All approved mappings land together: an auto-map run is one change to the admin.
            return _context.Store.Write((c, tx) =>
            {
                var made = new List<PresenceUserMapping>();
                foreach (var match in approved)
                {
                    // Another process may have mapped either side since the plan was read.
                    if (MappingRepository.ForAgent(c, tx, unit, match.Agent.AgentId) != null) continue;
                    if (MappingRepository.ForTeamsUser(c, tx, unit, match.User.Id) is PresenceUserMapping taken)
                    {
                        ReportTaken(match, taken);
                        continue;
                    }
                    MappingRepository.Insert(c, tx, unit, match.Agent.AgentId, match.User.Id, MappingSource.Auto, match.MatchedOn, _context.Now);
                    made.Add(MappingRepository.ForAgent(c, tx, unit, match.Agent.AgentId)!);
                }
                return made;
            });
        }

        private List<AutoMatch> Plan(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, PresenceBusinessUnit unit)
        {
            var candidates = new List<AutoMatch>();
            var noEmail = 0;
            var noMatch = 0;
            foreach (var agent in AgentRepository.Unmapped(c, tx, unit))
            {
                if (string.IsNullOrWhiteSpace(agent.Email)) { noEmail++; continue; }
                var hits = TeamsUserRepository.ByAddress(c, tx, unit, agent.Email!)
                    .GroupBy(h => h.UserId)
                    .Select(g => (UserId: g.Key, Kind: g.Select(h => (MatchKind)Enum.Parse(typeof(MatchKind), h.Kind)).Min()))
                    .ToList();
                if (hits.Count == 0)
                {
                    noMatch++;
                    _context.Host.WriteVerbose($"Agent '{agent.AgentId}' ({agent.Email}) matches no Teams user.");
                    continue;
                }
                var users = hits.Select(h => TeamsUserRepository.Find(c, tx, unit, h.UserId)!).ToList();
                if (hits.Count > 1)
                {
                    _context.Error(ErrorIds.AmbiguousTeamsUserMatch, ErrorKind.InvalidData,
                        $"The e-mail '{agent.Email}' of agent '{agent.AgentId}' matches {hits.Count} Teams users " +
                        $"({string.Join(", ", users.Select(u => u.UserPrincipalName))}); none was mapped.",
                        agent, "Map the agent by hand: Add-PresenceUserMapping -AgentId <id> -TeamsUser <object id>.");
                    continue;
                }
                if (!users[0].AccountEnabled)
                {
                    _context.Host.WriteWarning($"Agent '{agent.AgentId}' matches '{users[0].UserPrincipalName}', whose account is disabled; not mapped.");
                    continue;
                }
                candidates.Add(new AutoMatch(agent, users[0], hits[0].Kind));
            }

            var result = new List<AutoMatch>();
            foreach (var group in candidates.GroupBy(m => m.User.Id))
            {
                var agents = group.ToList();
                if (agents.Count > 1)
                {
                    foreach (var match in agents)
                    {
                        _context.Error(ErrorIds.AmbiguousAgentMatch, ErrorKind.InvalidData,
                            $"The Teams user '{match.User.UserPrincipalName}' is matched by {agents.Count} agents " +
                            $"({string.Join(", ", agents.Select(a => a.Agent.AgentId))}); none of them was mapped.",
                            match.Agent, "Fix the agents' e-mail addresses in the ACD, or map the right agent by hand.");
                    }
                    continue;
                }
                if (MappingRepository.ForTeamsUser(c, tx, unit, group.Key) is PresenceUserMapping taken)
                {
                    ReportTaken(agents[0], taken);
                    continue;
                }
                result.Add(agents[0]);
            }
            if (noEmail + noMatch > 0)
            {
                _context.Host.WriteWarning($"{noMatch} agents matched no Teams user and {noEmail} have no e-mail address; " +
                    "list them with Get-PresenceUserMapping -Unmapped.");
            }
            return result.OrderBy(m => m.Agent.AgentId, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private void ReportTaken(AutoMatch match, PresenceUserMapping taken) =>
            _context.Error(ErrorIds.TeamsUserAlreadyMapped, ErrorKind.ResourceExists,
                $"Agent '{match.Agent.AgentId}' matches '{match.User.UserPrincipalName}', who is already mapped to agent '{taken.AgentId}'; not mapped.",
                match.Agent, "Remove or change the other mapping first if this agent is the right one.");
    }
}
