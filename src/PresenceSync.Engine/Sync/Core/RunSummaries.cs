using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// The -Once summaries, one per unit, and the verdict a runbook's exit code rests on. A unit
    /// "could not sync at all" when its Teams read failed and not one write got through: no app that
    /// works, a credential refused, Graph unreachable. A failed read with writes that landed is the
    /// degraded mode (ACD-to-Teams went on), not a failure of the unit.
    /// </summary>
    internal static class RunSummaries
    {
        public static List<PresenceSyncSummary> Build(SyncComposition run, DateTime startedUtc, DateTime endedUtc,
            IReadOnlyList<(string Unit, string Text)> warnings)
        {
            var result = new List<PresenceSyncSummary>();
            foreach (var engine in run.Engines)
            {
                var counters = engine.Counters;
                var teams = engine.Teams;
                var made = counters.Writes - counters.FailedWrites;
                var readOk = teams.LastReconcileUtc != null && teams.StaleSinceUtc == null;
                var unitWarnings = warnings.Where(w => string.Equals(w.Unit, engine.Unit.Name, StringComparison.OrdinalIgnoreCase)).Select(w => w.Text).ToList();
                if (!readOk) unitWarnings.Add($"Teams presence could not be read{(teams.LastError != null ? $" ({teams.LastError.ErrorId})" : string.Empty)}: Teams-to-ACD changes wait for the next run.");
                result.Add(new PresenceSyncSummary
                {
                    BusinessUnit = engine.Unit.Name,
                    Agents = engine.Agents,
                    WritesMade = made,
                    WritesFailed = counters.FailedWrites,
                    AcdEvents = counters.AcdEvents,
                    AcdChanges = counters.AcdChanges,
                    Throttled = run.Apps[engine].Writers.Sum(w => w.Writer.Statistics.Throttled),
                    TeamsReadOk = readOk,
                    TeamsStaleSinceUtc = readOk ? null : teams.StaleSinceUtc ?? startedUtc,
                    StartedUtc = startedUtc,
                    Duration = endedUtc - startedUtc,
                    Errors = counters.Errors + (readOk ? 0 : 1),
                    LastError = counters.LastError ?? teams.LastError?.ToString(),
                    Warnings = unitWarnings,
                    Result = !readOk && made == 0 ? PresenceSyncSummary.Failed
                        : counters.FailedWrites > 0 ? PresenceSyncSummary.PartiallyFailed
                        : !readOk ? PresenceSyncSummary.Degraded
                        : PresenceSyncSummary.Succeeded,
                });
            }
            return result;
        }

        /// <summary>The terminating error for a unit that could not sync, naming what stopped it.</summary>
        public static EngineError Failure(PresenceSyncSummary summary, TeamsView teams)
        {
            var cause = teams.LastError;
            var kind = cause?.Kind ?? ErrorKind.ResourceUnavailable;
            var message = $"Business unit '{summary.BusinessUnit}' could not sync: Teams could not be read and no write got through"
                + (cause != null ? $" ({cause.ErrorId}: {cause.Message})" : ".");
            return new EngineError(ErrorIds.SyncUnitFailed, kind, message, summary.BusinessUnit,
                cause?.RecommendedAction ?? "Run Test-PresenceSyncApp -BusinessUnit '" + summary.BusinessUnit + "' to see which check fails.");
        }
    }
}
