using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>The store backends a parameterised store test runs against.</summary>
    public static class Backends
    {
        public const string Sqlite = "SQLite";
        public const string Postgres = "PostgreSQL";

        public static TheoryData<string> All => new TheoryData<string> { Sqlite, Postgres };
    }
}
