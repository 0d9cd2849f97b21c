namespace PresenceSync.Engine.Model
{
    /// <summary>Where the local store is, where that choice came from, and its schema version.</summary>
    public sealed class PresenceStoreInfo
    {
        public PresenceStoreInfo(string path, string source, int schemaVersion, long sizeBytes)
            : this(path, source, schemaVersion, sizeBytes, "SQLite")
        {
        }

        public PresenceStoreInfo(string path, string source, int schemaVersion, long sizeBytes, string backend)
        {
            Backend = backend;
            Path = path;
            Source = source;
            SchemaVersion = schemaVersion;
            SizeBytes = sizeBytes;
        }

        public string Path { get; }

        /// <summary>Session (Set-PresenceSyncStore), Environment (PRESENCESYNC_STORE_CONNECTION or PRESENCESYNC_STORE) or Default.</summary>
        public string Source { get; }
        public int SchemaVersion { get; }
        public long SizeBytes { get; }

        /// <summary>SQLite (a local file) or PostgreSQL (Path is then the connection string without its password).</summary>
        public string Backend { get; }

        public override string ToString() => Path;
    }
}
