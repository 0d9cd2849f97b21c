using System;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync.Ports
{
    /// <summary>One presence write for one user, in the module's own terms.</summary>
    public sealed class TeamsWrite
    {
        public TeamsWrite(TeamsWriteKind kind, Guid userId, PresenceState? state, TimeSpan? expiry)
        {
            Kind = kind;
            UserId = userId;
            State = state;
            Expiry = expiry;
        }

        public TeamsWriteKind Kind { get; }
        public Guid UserId { get; }
        public PresenceState? State { get; }
        public TimeSpan? Expiry { get; }

        /// <summary>SetStatusMessage: the text (Expiry, if any, is how long Teams keeps it).</summary>
        public string? Message { get; set; }

        /// <summary>The Graph operation, as history names it.</summary>
        public string Operation => OperationOf(Kind);

        public static string OperationOf(TeamsWriteKind kind) => kind switch
        {
            TeamsWriteKind.SetSession => "setPresence",
            TeamsWriteKind.ClearSession => "clearPresence",
            TeamsWriteKind.SetPreferred => "setUserPreferredPresence",
            TeamsWriteKind.SetStatusMessage => "setStatusMessage",
            TeamsWriteKind.ClearStatusMessage => "setStatusMessage",
            _ => "clearUserPreferredPresence",
        };

        public bool Clears => Kind == TeamsWriteKind.ClearSession || Kind == TeamsWriteKind.ClearPreferred || Kind == TeamsWriteKind.ClearStatusMessage;

        public override string ToString() => $"{Operation} {State} for {UserId}";
    }
}
