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

        /// <summary>The Graph operation, as history names it.</summary>
        public string Operation => OperationOf(Kind);

        public static string OperationOf(TeamsWriteKind kind) => kind switch
        {
            TeamsWriteKind.SetSession => "setPresence",
            TeamsWriteKind.ClearSession => "clearPresence",
            TeamsWriteKind.SetPreferred => "setUserPreferredPresence",
            _ => "clearUserPreferredPresence",
        };

        public bool Clears => Kind == TeamsWriteKind.ClearSession || Kind == TeamsWriteKind.ClearPreferred;

        public override string ToString() => $"{Operation} {State} for {UserId}";
    }
}
