using System;
using System.Collections.Generic;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// The Teams writes one decision asked for, for one agent, carried out in order (a clear on
    /// the previous user before the new session, say). Only the current step is ever queued; a
    /// newer decision replaces a job that is still waiting in the queue.
    /// </summary>
    internal sealed class WriteJob
    {
        public WriteJob(AgentSlot slot, IReadOnlyList<SyncAction> actions, WritePriority priority, string? pendingBefore, DateTime decidedUtc)
        {
            Slot = slot;
            Actions = actions;
            Priority = priority;
            PendingBefore = pendingBefore;
            DecidedUtc = decidedUtc;
        }

        public AgentSlot Slot { get; }
        public IReadOnlyList<SyncAction> Actions { get; }
        public WritePriority Priority { get; }

        /// <summary>What the slot's announced write was before this job announced itself: restored if the job is dropped unsent.</summary>
        public string? PendingBefore { get; }
        public DateTime DecidedUtc { get; }

        /// <summary>What Teams showed when the job was decided, for the history's Before column.</summary>
        public string? TeamsBefore { get; set; }

        /// <summary>The step being carried out.</summary>
        public int Step { get; set; }
        public SyncAction Current => Actions[Step];
        public bool LastStep => Step >= Actions.Count - 1;

        /// <summary>The write of the current step, for the user it concerns (the previous one, for a clear after a remap).</summary>
        public TeamsWrite Write => new TeamsWrite(Kind(Current.Kind), Current.TeamsUserId ?? Slot.TeamsUserId, Current.State, Current.Expiry) { Message = Current.Message };

        // Maintained by the write queue: its place, and whether it is waiting or being sent.
        internal long Seq { get; set; }
        internal long Rank { get; set; }
        internal bool Queued { get; set; }
        internal DateTime QueuedUtc { get; set; }

        public static TeamsWriteKind Kind(SyncActionKind kind) => kind switch
        {
            SyncActionKind.SetSession => TeamsWriteKind.SetSession,
            SyncActionKind.ClearSession => TeamsWriteKind.ClearSession,
            SyncActionKind.SetPreferred => TeamsWriteKind.SetPreferred,
            SyncActionKind.SetStatusMessage => TeamsWriteKind.SetStatusMessage,
            SyncActionKind.ClearStatusMessage => TeamsWriteKind.ClearStatusMessage,
            _ => TeamsWriteKind.ClearPreferred,
        };

        public override string ToString() => $"{Slot.AgentId}: {Write} ({Priority}, step {Step + 1}/{Actions.Count})";
    }
}
