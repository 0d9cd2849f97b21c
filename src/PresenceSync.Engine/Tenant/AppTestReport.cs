using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>Everything Test-PresenceSyncApp found, one object so scripts can act on it.</summary>
    public sealed class AppTestReport
    {
        public AppTestReport(string businessUnit, string clientId, IReadOnlyList<AppCheck> checks)
        {
            BusinessUnit = businessUnit;
            ClientId = clientId;
            Checks = checks;
        }

        public string BusinessUnit { get; }
        public string ClientId { get; }
        public IReadOnlyList<AppCheck> Checks { get; }

        /// <summary>Failed if any check failed, Warning if any warned, else Passed.</summary>
        public CheckStatus Verdict =>
            Checks.Any(c => c.Status == CheckStatus.Failed) ? CheckStatus.Failed
            : Checks.Any(c => c.Status == CheckStatus.Warning) ? CheckStatus.Warning
            : CheckStatus.Passed;

        public bool Passed => Verdict != CheckStatus.Failed;

        public override string ToString() => $"{BusinessUnit}: {Verdict}";
    }
}
