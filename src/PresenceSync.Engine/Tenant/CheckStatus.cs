namespace PresenceSync.Engine.Tenant
{
    public enum CheckStatus
    {
        Passed,
        Warning,
        Failed,
        Skipped,
    }
}
