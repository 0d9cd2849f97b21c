using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// What a long-running sync does for its apps' credentials so nobody has to at 3 a.m.: it warns
    /// at start and once a day when one expires within 30 days (naming the command that renews it),
    /// and removes credentials retired by a rotation once their grace period is over.
    /// </summary>
    internal sealed class CredentialWatch
    {
        public static readonly TimeSpan WarnAhead = TimeSpan.FromDays(30);
        private static readonly TimeSpan WarnEvery = TimeSpan.FromDays(1);
        private static readonly TimeSpan RetireEvery = TimeSpan.FromMinutes(5);
        private readonly EngineContext _context;
        private readonly IReadOnlyCollection<string> _units;
        private DateTime _warned = DateTime.MinValue;
        private DateTime _retired = DateTime.MinValue;

        public CredentialWatch(EngineContext context, IEnumerable<string> units)
        {
            _context = context;
            _units = units.ToList();
        }

        /// <summary>The warnings due now (at start, then daily), with the unit each is about; each is also written as a warning.</summary>
        public IReadOnlyList<(string Unit, string Text)> Warn(DateTime now, bool force = false)
        {
            if (!force && now - _warned < WarnEvery) return Array.Empty<(string, string)>();
            _warned = now;
            var warnings = new List<(string Unit, string Text)>();
            var service = new SyncAppService(_context);
            foreach (var unit in _units)
            {
                foreach (var expiry in service.CredentialExpiries(unit).Where(e => e.ExpiresWithin(WarnAhead, now)))
                {
                    var when = expiry.ExpiresUtc!.Value;
                    var text = when <= now
                        ? $"The credential of app {expiry.ClientId} (business unit '{unit}') expired on {when:yyyy-MM-dd} UTC: renew it with {expiry.RenewCommand}."
                        : $"The credential of app {expiry.ClientId} (business unit '{unit}') expires on {when:yyyy-MM-dd} UTC, in {(int)Math.Ceiling((when - now).TotalDays)} days: renew it with {expiry.RenewCommand}.";
                    _context.Host.WriteWarning(text);
                    warnings.Add((unit, text));
                }
            }
            return warnings;
        }

        /// <summary>Removes retired credentials whose grace period is over (at most every few minutes).</summary>
        public async Task RetireAsync(DateTime now, CancellationToken ct)
        {
            if (now - _retired < RetireEvery) return;
            _retired = now;
            foreach (var unit in _units)
            {
                try
                {
                    await new CredentialRetirement(_context).RemoveDueAsync(unit, null, null, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    _context.Host.WriteVerbose($"Retired credentials of business unit '{unit}' could not be removed yet: {ex.Message}");
                }
            }
        }
    }
}
