using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// What one business unit's run of Start-PresenceSync -Once did, for a runbook's log: one per
    /// unit, written when the run ends. Result is Succeeded, Degraded (writes went through while
    /// Teams could not be read), PartiallyFailed (some writes failed) or Failed (nothing got
    /// through; the cmdlet also ends with the terminating error SyncUnitFailed).
    /// </summary>
    public sealed class PresenceSyncSummary
    {
        public const string Succeeded = "Succeeded";
        public const string Degraded = "Degraded";
        public const string PartiallyFailed = "PartiallyFailed";
        public const string Failed = "Failed";

        public string BusinessUnit { get; internal set; } = string.Empty;
        public string Result { get; internal set; } = Succeeded;
        public int Agents { get; internal set; }
        public int WritesMade { get; internal set; }
        public int WritesFailed { get; internal set; }
        public int AcdEvents { get; internal set; }
        public int AcdChanges { get; internal set; }
        public long Throttled { get; internal set; }

        /// <summary>False when the unit's Teams presence could not be read: Teams-to-ACD changes wait for the next run.</summary>
        public bool TeamsReadOk { get; internal set; }

        /// <summary>Since when the unit's view of Teams is stale (the first failed read); null when it is current.</summary>
        public DateTime? TeamsStaleSinceUtc { get; internal set; }

        public DateTime StartedUtc { get; internal set; }
        public TimeSpan Duration { get; internal set; }

        /// <summary>Errors written for this unit (failed writes, a failed read).</summary>
        public int Errors { get; internal set; }
        public string? LastError { get; internal set; }

        /// <summary>Warnings worth a runbook's attention, such as a credential that expires within 30 days.</summary>
        public IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();

        public override string ToString() => $"{BusinessUnit}: {Result}, {WritesMade} writes, {WritesFailed} failed";
    }
}
