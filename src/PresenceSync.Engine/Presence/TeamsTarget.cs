using System;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// What a rule row asks Graph to show. Written as "Busy/InACall" (the app's session when
    /// setPresence accepts the pair, else the preferred layer), "Preferred:Busy/Busy" (the
    /// preferred layer explicitly) or "Clear" (clear the app's session).
    /// </summary>
    public sealed class TeamsTarget
    {
        public const string ClearKeyword = "Clear";
        public const string PreferredPrefix = "Preferred:";
        public const string SessionPrefix = "Session:";

        private TeamsTarget(TeamsTargetKind kind, PresenceState? state)
        {
            KindValue = kind;
            State = state;
        }

        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on KindValue.</summary>
        public string Kind => KindValue.ToString();
        internal TeamsTargetKind KindValue { get; }

        /// <summary>The pair to set; null for <see cref="TeamsTargetKind.ClearSession"/>.</summary>
        public PresenceState? State { get; }

        public static TeamsTarget Clear() => new TeamsTarget(TeamsTargetKind.ClearSession, null);

        public static TeamsTarget Of(TeamsTargetKind kind, PresenceState state)
        {
            if (kind == TeamsTargetKind.ClearSession) return Clear();
            return new TeamsTarget(kind, state ?? throw new ArgumentNullException(nameof(state)));
        }

        public override string ToString() => KindValue switch
        {
            TeamsTargetKind.ClearSession => ClearKeyword,
            TeamsTargetKind.Preferred => PreferredPrefix + State,
            _ => State!.ToString(),
        };
    }
}
