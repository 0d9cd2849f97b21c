using System;

namespace PresenceSync.Engine.TeamsDirectory
{
    /// <summary>What one Sync-PresenceTeamsUser run changed in the stored directory.</summary>
    public sealed class DirectorySyncResult
    {
        public DirectorySyncResult(string businessUnit, bool full, int received, int stored, int disabled, int deleted, int mappingsAffected, TimeSpan duration)
        {
            BusinessUnit = businessUnit;
            Mode = full ? "Full" : "Delta";
            Received = received;
            Stored = stored;
            Disabled = disabled;
            Deleted = deleted;
            MappingsAffected = mappingsAffected;
            Duration = duration;
        }

        public string BusinessUnit { get; }

        /// <summary>Full (the whole directory, the first time or with -Full) or Delta (changes since the last run).</summary>
        public string Mode { get; }
        public int Received { get; }
        public int Stored { get; }
        public int Disabled { get; }
        public int Deleted { get; }

        /// <summary>Mappings whose Teams user is now disabled or deleted: they are reported, not removed.</summary>
        public int MappingsAffected { get; }
        public TimeSpan Duration { get; }

        public override string ToString() => $"{BusinessUnit}: {Mode}, {Stored} stored, {Deleted} deleted";
    }
}
