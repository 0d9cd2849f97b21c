using System;
using System.Threading;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using PresenceSync.Commands.Binding;
using PresenceSync.Commands.Hosting;
using System.Security.Cryptography.X509Certificates;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources.Http;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Runs the sync: ACD states to Teams and Teams presence to the ACD, by each agent's rule.
    /// -Once runs one full reconcile and stops when its writes have landed (scheduled tasks,
    /// runbooks); otherwise it runs event-driven until Ctrl+C, -Duration or Stop-PresenceSync, and
    /// writes ACD changes decided from Teams to the pipeline.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "PresenceSync", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceAcdChange), typeof(PresenceSyncSummary), typeof(PresenceSync.Engine.Routing.PresenceRoutingChange))]
    public sealed class StartPresenceSyncCommand : PresenceSyncCmdlet
    {
        /// <summary>
        /// Units to sync together; none = every unit that has an app. Bound from the pipeline too
        /// (names, or the BusinessUnit property of Get-PresenceSyncApp's and Get-PresenceBusinessUnit's
        /// output): what is piped in is collected, and one run in End covers every unit.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.BusinessUnitCompleter))]
        public string[]? BusinessUnit { get; set; }

        [Parameter]
        public SwitchParameter Once { get; set; }

        [Parameter]
        public TimeSpan? Duration { get; set; }

        /// <summary>An ACD event is decided this long after it arrived; events of one agent inside it give one write (default 100 ms).</summary>
        [Parameter]
        [Alias("PacingInterval")]
        public TimeSpan CoalescingWindow { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>How often every agent's Teams presence is read and compared: the reconcile (default 10 s).</summary>
        [Parameter]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Host the event endpoint on this port, at http://&lt;ListenAddress&gt;:PORT/.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? EventPort { get; set; }

        /// <summary>The address to listen on: 127.0.0.1 (default, this machine only), a host name, or + for every address.</summary>
        [Parameter]
        public string ListenAddress { get; set; } = "127.0.0.1";

        /// <summary>The shared secret ACD events are signed with (HMAC-SHA256 over the timestamp and the body).</summary>
        [Parameter]
        public SecureString? EventSecret { get; set; }

        /// <summary>Serve the event endpoint over HTTPS with this certificate (it needs its private key).</summary>
        [Parameter]
        public X509Certificate2? EventCertificate { get; set; }

        /// <summary>Do not start the SIP sources recorded with New-PresenceSipSource (they start by default).</summary>
        [Parameter]
        public SwitchParameter NoSipSource { get; set; }

        [Parameter]
        public Uri? AcdWebhookUrl { get; set; }

        [Parameter]
        public SecureString? AcdWebhookSecret { get; set; }

        [Parameter]
        [ValidateRange(1, 3650)]
        public int HistoryRetentionDays { get; set; } = 30;

        /// <summary>
        /// When an unattended run (pwsh -File/-Command/-NonInteractive) exits non-zero: Error (default:
        /// 1 when it could not sync, 2 when it wrote errors), Warning (also 3 for warnings), None (never).
        /// </summary>
        [Parameter]
        [ValidateSet("Error", "Warning", "None")]
        public string FailOn { get; set; } = "Error";

        /// <summary>On a shared (PostgreSQL) store: wait while another host's sync runs, and take over when it is gone.</summary>
        [Parameter]
        public SwitchParameter Standby { get; set; }

        private readonly List<string> _units = new List<string>();

        protected override void Process()
        {
            foreach (var unit in BusinessUnit ?? new string[0])
            {
                if (!_units.Contains(unit, StringComparer.OrdinalIgnoreCase)) _units.Add(unit);
            }
        }

        protected override void End()
        {
            var fatal = true;
            try
            {
                Run();
                fatal = false;
            }
            catch (PresenceSync.Engine.PresenceSyncException ex) when (!ex.Fatal)
            {
                fatal = false;
                Tally.Error();
                throw;
            }
            catch (System.OperationCanceledException)
            {
                fatal = false;
                throw;
            }
            finally
            {
                UnattendedExit.Apply(Host, UnattendedExit.CodeFor(FailOn, fatal, Tally));
            }
        }

        private void Run()
        {
            // A pipeline that brought nothing (no app matched) names no unit; it must not mean "every unit".
            if (MyInvocation.ExpectingInput && _units.Count == 0) return;
            var options = new SyncOptions
            {
                Once = Once,
                Duration = Duration,
                CoalescingWindow = CoalescingWindow,
                PollInterval = PollInterval,
                Endpoint = EventPort is int port ? new EventEndpointOptions { ListenAddress = ListenAddress, Port = port, Certificate = EventCertificate } : null,
                EventSecret = SecureStrings.ToPlain(EventSecret),
                SipSources = !NoSipSource,
                AcdWebhookUrl = AcdWebhookUrl?.ToString(),
                AcdWebhookSecret = SecureStrings.ToPlain(AcdWebhookSecret),
                HistoryRetention = TimeSpan.FromDays(HistoryRetentionDays),
                Standby = Standby,
            };
            foreach (var unit in _units) options.BusinessUnits.Add(unit);
            var target = options.BusinessUnits.Count == 0 ? "every business unit with an app" : string.Join(", ", options.BusinessUnits);
            if (!ShouldProcess(target, Once ? "Run one sync pass" : "Run the presence sync")) return;
            // SIGTERM stops the sync as Ctrl+C does, so its lock is released before the process ends.
            using var terminate = TerminationSignal.Listen();
            RunAsync(async ct =>
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, terminate.Requested);
                try { await new SyncRunner(Context, options).RunAsync(stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (terminate.Requested.IsCancellationRequested) { }
                finally { terminate.Stopped(); }
            });
        }
    }
}
