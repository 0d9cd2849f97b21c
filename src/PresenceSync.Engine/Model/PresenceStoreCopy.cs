namespace PresenceSync.Engine.Model
{
    /// <summary>What Copy-PresenceSyncStore moved: from which store to which, how many units and rows.</summary>
    public sealed class PresenceStoreCopy
    {
        public PresenceStoreCopy(string from, string fromBackend, string to, string toBackend, int units, long rows)
        {
            From = from;
            FromBackend = fromBackend;
            To = to;
            ToBackend = toBackend;
            Units = units;
            Rows = rows;
        }

        /// <summary>The source store (a file, or a connection string without its password).</summary>
        public string From { get; }
        public string FromBackend { get; }
        public string To { get; }
        public string ToBackend { get; }
        public int Units { get; }
        public long Rows { get; }

        public override string ToString() => $"{Units} units, {Rows} rows: {From} -> {To}";
    }
}
