using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip.Subscriptions;
using PresenceSync.Engine.Sip.UserAgent;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// The SIP line-state source of one business unit: subscribes to the dialog event package
    /// (RFC 4235, RFC 6665) of each mapped agent's extension, or to one resource list (RFC 4662),
    /// and turns line state into ACD events (Source "Sip") that rules map like any other. It runs
    /// until cancelled: a failing subscription is reported per extension and retried; a failing
    /// start (no address, a port taken, no password) is reported for the unit and retried.
    /// </summary>
    public sealed class SipDialogSource : IAcdEventSource
    {
        private readonly EngineContext _context;
        private readonly SipSourceSettings _settings;

        internal SipDialogSource(EngineContext context, SipSourceSettings settings)
        {
            _context = context;
            _settings = settings;
        }

        public string Name => "Sip";

        public string BusinessUnit => _settings.BusinessUnit;

        internal ExtensionRoster? Roster { get; private set; }

        /// <summary>Where the running user agent listens (its Contact).</summary>
        internal IPEndPoint? LocalEndPoint { get; private set; }

        public async Task RunAsync(IAcdEventTarget target, CancellationToken ct)
        {
            var unit = _settings.BusinessUnit;
            void Report(SourceHealth health)
            {
                try { target.Report(health); }
                catch (Exception ex) when (!(ex is OutOfMemoryException)) { _context.Host.WriteVerbose($"SIP source '{unit}': a health record was lost: {ex.Message}"); }
            }
            var pump = new SourceEventPump(unit, Report);
            using var pumpStop = new CancellationTokenSource();
            var pumping = Task.Run(() => pump.RunAsync(target, pumpStop.Token));
            var lines = new LineContext(unit, _settings.StateMap, pump.Add, Report, new InputRecorder(unit, Report, _settings.InputRecordInterval));
            var failures = 0;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    string errorId;
                    string detail;
                    try
                    {
                        await RunAgentAsync(lines, Report, ct).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (SipSetupException ex)
                    {
                        errorId = ex.ErrorId;
                        detail = ex.Message;
                    }
                    catch (PresenceSyncException ex)
                    {
                        errorId = ex.Error.ErrorId;
                        detail = ex.Error.Message + (ex.Error.RecommendedAction != null ? " " + ex.Error.RecommendedAction : "");
                    }
                    Report(new SourceHealth("Sip", unit, false, errorId, detail, DateTime.UtcNow));
                    try { await Task.Delay(Backoff.Delay(++failures, _settings.LongestBackoff, _settings.FirstBackoff), ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
            }
            finally
            {
                pumpStop.Cancel();
                await pumping.ConfigureAwait(false);
            }
        }

        private async Task RunAgentAsync(LineContext lines, Action<SourceHealth> report, CancellationToken ct)
        {
            var password = _settings.Password();
            var server = await ResolveAsync().ConfigureAwait(false);
            var options = new SipAgentOptions
            {
                Tcp = _settings.Tcp,
                Server = server,
                Domain = _settings.EffectiveDomain,
                UserName = _settings.UserName,
                Password = password,
                LocalAddress = _settings.LocalAddress,
                LocalPort = _settings.LocalPort,
                T1 = _settings.T1,
                Limits = _settings.Limits,
                UserAgentHeader = "PresenceSync/" + typeof(SipDialogSource).Assembly.GetName().Version,
            };
            using var agent = new SipUserAgent(options);
            var manager = new SubscriptionManager(agent, "dialog");
            agent.Refused += (id, detail, _) => lines.Input.Record(id, detail);
            manager.Refused += (id, detail, _) => lines.Input.Record(id, detail);
            try
            {
                agent.Start();
            }
            catch (SocketException ex)
            {
                throw new SipSetupException(SipErrorIds.TransportUnavailable,
                    $"The SIP source cannot listen on {(options.LocalAddress?.ToString() ?? "the local address")}:{options.LocalPort} over {agent.TransportName}: {ex.Message}", ex);
            }
            var subscriptions = new SubscriptionOptions
            {
                Expires = _settings.Expires,
                FirstBackoff = _settings.FirstBackoff,
                LongestBackoff = _settings.LongestBackoff,
            };
            var roster = new ExtensionRoster(agent, manager, subscriptions, lines, _settings);
            agent.ConnectionLost += () =>
            {
                // The PBX closed the connection (a restart): its nonces and subscriptions are gone.
                agent.Authenticator?.Reset();
                roster.WakeAll(new SubscriptionWake(true, TimeSpan.FromSeconds(1), SipErrorIds.ServerUnreachable,
                    $"The TCP connection to {server} closed; subscribing again."));
            };
            Roster = roster;
            LocalEndPoint = agent.LocalEndPoint;
            report(new SourceHealth("Sip", _settings.BusinessUnit, true, null,
                $"Listening on {agent.TransportName} {agent.LocalEndPoint} for {_settings.Registrar} (domain {_settings.EffectiveDomain}).", DateTime.UtcNow));
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    Reload(roster, report, ct);
                    await Task.Delay(_settings.ReloadInterval, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                await roster.StopAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Reads the unit's agents and mappings; a failed read keeps the extensions watched as they were.</summary>
        private void Reload(ExtensionRoster roster, Action<SourceHealth> report, CancellationToken ct)
        {
            List<PresenceAgent> agents;
            HashSet<string> mapped;
            try
            {
                (agents, mapped) = _context.Store.Read((c, tx) =>
                {
                    var unit = BusinessUnitRepository.Require(c, tx, _settings.BusinessUnit);
                    return (AgentRepository.All(c, tx, unit), new HashSet<string>(MappingRepository.All(c, tx, unit).Select(m => m.AgentId), StringComparer.Ordinal));
                });
            }
            catch (PresenceSyncException ex)
            {
                report(new SourceHealth("Sip", _settings.BusinessUnit, false, ex.Error.ErrorId, ex.Error.Message, DateTime.UtcNow));
                return;
            }
            roster.Sync(agents, mapped, ct);
        }

        /// <summary>The registrar's address: a literal, or the host name's first IPv4 address (else IPv6). SRV and NAPTR (RFC 3263) are not looked up: give the port.</summary>
        private async Task<IPEndPoint> ResolveAsync()
        {
            var host = _settings.Registrar.Host.Trim('[', ']');
            var port = _settings.Registrar.Port ?? 5060;
            if (IPAddress.TryParse(host, out var literal)) return new IPEndPoint(literal, port);
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                if (address != null) return new IPEndPoint(address, port);
            }
            catch (SocketException ex)
            {
                throw new SipSetupException(SipErrorIds.ServerUnreachable, $"The registrar '{host}' has no address: {ex.Message}", ex);
            }
            throw new SipSetupException(SipErrorIds.ServerUnreachable, $"The registrar '{host}' has no address.");
        }
    }
}
