using System;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// The Graph session of one app for a long-running sync: it looks at the credential's version in
    /// the store every few seconds, so a rotation (in any session or process, through any unit that
    /// shares the client id) is picked up without a restart, and the old credential's session is
    /// let go. The check is one small query; the credential itself is built once per version.
    /// </summary>
    internal sealed class AppSessionSource
    {
        private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
        private readonly EngineContext _context;
        private readonly string _businessUnit;
        private readonly object _gate = new object();
        private AppRecord _app;
        private GraphSession _session;
        private DateTime _checked;
        private readonly int _budget;

        /// <param name="budget">The presence requests per window this host may spend through the app: its stored
        /// budget, or the host's share of it when the app's units are split between several hosts.</param>
        public AppSessionSource(EngineContext context, AppRecord app, string businessUnit, int budget)
        {
            _context = context;
            _budget = budget;
            app.PresenceBudget = budget;
            _app = app;
            _businessUnit = businessUnit;
            _session = AppCredentialFactory.Session(app, businessUnit, context.Secrets);
            _checked = DateTime.UtcNow;
        }

        public string ClientId => _app.ClientId;

        public GraphSession Current
        {
            get
            {
                lock (_gate)
                {
                    if (DateTime.UtcNow - _checked < CheckEvery) return _session;
                    _checked = DateTime.UtcNow;
                    var before = _app.CredentialVersion;
                    try
                    {
                        var known = _app;
                        _session = AppCredentialFactory.Current(_context, ref _app, _businessUnit);
                        if (!ReferenceEquals(known, _app))
                        {
                            _app.PresenceBudget = _budget;   // a reloaded record has the whole budget; this host keeps its share
                            _session = AppCredentialFactory.Session(_app, _businessUnit, _context.Secrets);
                        }
                        if (_app.CredentialVersion != before)
                            _context.Host.WriteVerbose($"App {_app.ClientId} of business unit '{_businessUnit}' has a new credential (version {_app.CredentialVersion}); the sync uses it from now on.");
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // Keep the session that works; the next check tries again.
                        _context.Host.WriteVerbose($"The credential of app {_app.ClientId} could not be checked: {ex.Message}");
                    }
                    return _session;
                }
            }
        }
    }
}
