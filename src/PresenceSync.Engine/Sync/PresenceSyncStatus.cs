using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync
{
    /// <summary>How a business unit's sync stands, as of its last pass.</summary>
    public sealed class PresenceSyncStatus
    {
        public string BusinessUnit { get; internal set; } = string.Empty;

        /// <summary>Who runs the sync now ("host pid 1234 since ..."), or null when none runs.</summary>
        public string? RunningOn { get; internal set; }
        /// <summary>The host whose lease owns the unit now (several hosts on a shared store share the units), or null when none does.</summary>
        public string? OwnerHost { get; internal set; }
        public int? OwnerPid { get; internal set; }
        /// <summary>Since when that host holds the unit's lease.</summary>
        public DateTime? OwnerSinceUtc { get; internal set; }
        /// <summary>The lease's last heartbeat: 30 s without one on a shared store and another host takes the unit over.</summary>
        public DateTime? OwnerHeartbeatUtc { get; internal set; }

        /// <summary>When the running (or last) sync started.</summary>
        public DateTime? StartedUtc { get; internal set; }

        /// <summary>The last full reconcile: every agent's Teams presence read and compared (every poll interval).</summary>
        public DateTime? LastPassUtc { get; internal set; }
        public int LastPassMs { get; internal set; }

        /// <summary>Set while Teams cannot be read: decisions from Teams wait, writes to Teams go on.</summary>
        public DateTime? TeamsStaleSinceUtc { get; internal set; }
        public string? TeamsError { get; internal set; }
        public int Agents { get; internal set; }
        public int InSync { get; internal set; }

        /// <summary>Agents whose Teams status was set by hand and hides what the rule wants.</summary>
        public int HeldByManualStatus { get; internal set; }

        /// <summary>Writes announced but not confirmed (after a failure or a crash); the next pass settles them.</summary>
        public int PendingWrites { get; internal set; }
        /// <summary>Since the sync started: Teams writes made (failed ones included), ACD events applied, ACD changes decided from Teams.</summary>
        public int TeamsWrites { get; internal set; }
        public int FailedWrites { get; internal set; }
        public int AcdEvents { get; internal set; }
        public int AcdChanges { get; internal set; }
        public long GraphRequests { get; internal set; }
        public long Throttled { get; internal set; }

        /// <summary>Presence requests spent in the current 30-second window, of the budget.</summary>
        public int BudgetUsed { get; internal set; }
        public int Budget { get; internal set; }
        public int Errors { get; internal set; }
        public string? LastError { get; internal set; }

        /// <summary>Each app the unit writes through.</summary>
        public IReadOnlyList<PresenceSyncAppStatus> Apps { get; internal set; } = Array.Empty<PresenceSyncAppStatus>();

        /// <summary>When each app's credential expires (or that it is unknown, and how to record it); read from the store, so shown with or without a running sync.</summary>
        public IReadOnlyList<Tenant.AppCredentialExpiry> Credentials { get; internal set; } = Array.Empty<Tenant.AppCredentialExpiry>();

        /// <summary>The sync's sources (event endpoint, store intake, SIP extensions) and how they stand.</summary>
        public IReadOnlyList<Sources.SourceHealth> Sources { get; internal set; } = Array.Empty<Sources.SourceHealth>();

        public override string ToString() => $"{BusinessUnit}: {InSync}/{Agents} in sync";
    }
}
