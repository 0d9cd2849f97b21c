namespace PresenceSync.Engine.Tenant
{
    /// <summary>One verdict of Test-PresenceSyncApp, with the remedy when it is not a pass.</summary>
    public sealed class AppCheck
    {
        public AppCheck(string check, CheckStatus status, string detail, string? remedy = null)
        {
            Check = check;
            StatusValue = status;
            Detail = detail;
            Remedy = remedy;
        }

        public string Check { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on StatusValue.</summary>
        public string Status => StatusValue.ToString();
        internal CheckStatus StatusValue { get; }
        public string Detail { get; }
        public string? Remedy { get; }

        public override string ToString() => $"{Check}: {Status}";
    }
}
