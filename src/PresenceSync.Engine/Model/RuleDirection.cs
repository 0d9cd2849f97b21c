namespace PresenceSync.Engine.Model
{
    /// <summary>Which way a rule row carries presence.</summary>
    public enum RuleDirection
    {
        /// <summary>An ACD state sets Teams presence.</summary>
        ToTeams,

        /// <summary>A Teams presence sets the ACD state.</summary>
        ToAcd,

        /// <summary>Both: the ACD state sets Teams, and exactly that Teams state sets the ACD state.</summary>
        Both,
    }
}
