namespace PresenceSync.Engine.Tenant
{
    /// <summary>One verdict of Test-PresenceSyncApp, with the remedy when it is not a pass.</summary>
    public sealed class AppCheck
    {
        public AppCheck(string check, CheckStatus status, string detail, string? remedy = null)
        {
            Check = check;
            Status = status;
            Detail = detail;
            Remedy = remedy;
        }

        public string Check { get; }
        public CheckStatus Status { get; }
        public string Detail { get; }
        public string? Remedy { get; }

        public override string ToString() => $"{Check}: {Status}";
    }
}
