namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// A tenant for sync scenarios. Tests share it, so each test takes its own block of users
    /// (the emulator keeps presence sessions across tests, as a real tenant would).
    /// </summary>
    public sealed class SyncFixture : TenantFixture
    {
        private int _nextBlock;

        protected override int UserCount => 2000;

        /// <summary>A block of user numbers no other test uses.</summary>
        public int TakeBlock(int size)
        {
            lock (this) { var start = _nextBlock; _nextBlock += size; return start; }
        }

        /// <summary>Connects, reads the directory, maps agents S1..Sn to the block's users and assigns the rule as the unit default.</summary>
        public static string Setup(int block, int agents, string rule) =>
            Connect + "; Sync-PresenceTeamsUser | Out-Null; " +
            $"1..{agents} | ForEach-Object {{ [pscustomobject]@{{ AgentId = \"S$_\"; Email = ('user{{0:0000}}@contoso.test' -f (($_ + {block}) * 7 + 1)) }} }} | Import-PresenceAgent; " +
            "Add-PresenceUserMapping -Auto | Out-Null; " + rule + " | Out-Null; Add-PresenceRuleAssignment -Rule Sync -Default | Out-Null";

        public const string StandardRule = "New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall', 'Outbound => Busy/InACall', " +
            "'Conference => Busy/InAConferenceCall', 'LoggedOut => Clear', 'Available => Clear', 'Busy/InAMeeting => Meeting when Available,Idle', 'Idle => Away/Away'";

        /// <summary>The UPN agent Sn of a block is mapped to (every 7th seeded user is disabled, so 7n+1 never is).</summary>
        public static string Upn(int block, int agent) => $"user{(agent + block) * 7 + 1:0000}@contoso.test";
    }
}
