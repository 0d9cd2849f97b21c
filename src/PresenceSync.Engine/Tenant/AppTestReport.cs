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
        public string Verdict => VerdictValue.ToString();

        internal CheckStatus VerdictValue =>
            Checks.Any(c => c.StatusValue == CheckStatus.Failed) ? CheckStatus.Failed
            : Checks.Any(c => c.StatusValue == CheckStatus.Warning) ? CheckStatus.Warning
            : CheckStatus.Passed;

        public bool Passed => VerdictValue != CheckStatus.Failed;

        /// <summary>What to do, one line per check that failed or warned (empty when all passed), so the
        /// report's table says it without expanding Checks.</summary>
        public string Remedy => string.Join(System.Environment.NewLine,
            Checks.Where(c => (c.StatusValue == CheckStatus.Failed || c.StatusValue == CheckStatus.Warning) && !string.IsNullOrEmpty(c.Remedy))
                  .Select(c => c.Check + ": " + c.Remedy));

        public override string ToString() => $"{BusinessUnit}: {Verdict}";
    }
}
