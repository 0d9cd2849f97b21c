namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>Which writes go first when demand exceeds an app's budget.</summary>
    internal enum WritePriority
    {
        /// <summary>Teams must show a new state.</summary>
        Change = 0,

        /// <summary>A held session that expires or fades soon.</summary>
        Refresh = 1,

        /// <summary>Saying again what Teams should already show (drift repair).</summary>
        Cosmetic = 2,
    }
}
