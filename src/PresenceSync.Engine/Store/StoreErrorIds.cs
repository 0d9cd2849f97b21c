namespace PresenceSync.Engine.Store
{
    /// <summary>Stable error ids of the PostgreSQL store (issue 11); the SQLite ones live in ErrorIds.</summary>
    public static class StoreErrorIds
    {
        public const string StoreConnectionStringInvalid = "StoreConnectionStringInvalid";
        public const string StoreUnreachable = "StoreUnreachable";
        public const string StoreSignInFailed = "StoreSignInFailed";
        public const string StorePermissionDenied = "StorePermissionDenied";
        public const string StoreCopyTargetNotEmpty = "StoreCopyTargetNotEmpty";
        public const string StoreCopySameStore = "StoreCopySameStore";
    }
}
