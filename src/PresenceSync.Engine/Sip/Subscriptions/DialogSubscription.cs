using System;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.UserAgent;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>
    /// One subscription to one resource (an extension, or a resource list), kept alive for as long
    /// as the source runs (RFC 6665 section 4.1): SUBSCRIBE, 200/202, refresh before Expires,
    /// Subscription-State terminated, 481 and timeouts each lead to the right next step, with
    /// backoff after failures. Health changes go to the handler, never exceptions.
    /// </summary>
    internal sealed partial class DialogSubscription
    {
        private readonly SipUserAgent _agent;
        private readonly SubscriptionManager _manager;
        private readonly SubscriptionOptions _options;
        private readonly INotifyBodyHandler _handler;
        private readonly bool _list;
        private readonly object _gate = new object();
        private SubscriptionDialog _dialog;
        private TaskCompletionSource<SubscriptionWake> _wake = NewWake();
        private bool? _healthy;
        private int _reportedGeneration = -1;

        public DialogSubscription(SipUserAgent agent, SubscriptionManager manager, SubscriptionOptions options, string resource, INotifyBodyHandler handler, bool list)
        {
            _agent = agent;
            _manager = manager;
            _options = options;
            Resource = resource;
            _handler = handler;
            _list = list;
            _dialog = NewDialog();
        }

        /// <summary>The URI subscribed to, e.g. sip:101@pbx.example.</summary>
        public string Resource { get; }

        /// <summary>The dialog as it stands (for tests and status).</summary>
        internal SubscriptionDialog Dialog
        {
            get { lock (_gate) return _dialog; }
        }

        /// <summary>Grows by one with each new dialog.</summary>
        public int Generation { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            var failures = 0;
            var wait = TimeSpan.Zero;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    if (wait > TimeSpan.Zero) await WaitAsync(wait, ct).ConfigureAwait(false);
                    if (ct.IsCancellationRequested) return;
                    wait = TimeSpan.Zero;
                    var outcome = await SubscribeAsync(ct).ConfigureAwait(false);
                    if (outcome.Expires is TimeSpan expires)
                    {
                        failures = 0;
                        Health(true, null, null);
                        var wake = await WaitAsync(SubscriptionOptions.RefreshAfter(expires), ct).ConfigureAwait(false);
                        if (wake == null || !wake.Anew)
                        {
                            wait = wake?.Delay ?? TimeSpan.Zero;
                            continue;
                        }
                        Renew();
                        if (wake.ErrorId != null) Health(false, wake.ErrorId, wake.Detail);
                        wait = wake.Delay ?? Backoff.Delay(++failures, _options.LongestBackoff, _options.FirstBackoff);
                        continue;
                    }
                    Renew();
                    failures++;
                    if (outcome.ErrorId != null) Health(false, outcome.ErrorId, outcome.Detail);
                    // A 481 to a refresh only means the server forgot us (a restart): try a new subscription at once, the first time.
                    wait = outcome.RetryNow && failures == 1 ? TimeSpan.Zero
                        : outcome.Delay ?? Backoff.Delay(failures, _options.LongestBackoff, outcome.Permanent ? TimeSpan.FromSeconds(60) : _options.FirstBackoff);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            finally
            {
                await UnsubscribeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Ends the current wait: a NOTIFY said terminated, the connection dropped, or full state is needed.</summary>
        public void Wake(SubscriptionWake wake)
        {
            lock (_gate) _wake.TrySetResult(wake);
        }

        private async Task<SubscriptionWake?> WaitAsync(TimeSpan delay, CancellationToken ct)
        {
            Task<SubscriptionWake> wake;
            lock (_gate) wake = _wake.Task;
            var timer = Task.Delay(delay, ct);
            var first = await Task.WhenAny(wake, timer).ConfigureAwait(false);
            lock (_gate) if (_wake.Task.IsCompleted) _wake = NewWake();
            ct.ThrowIfCancellationRequested();
            return first == wake ? await wake.ConfigureAwait(false) : null;
        }

        private static TaskCompletionSource<SubscriptionWake> NewWake() =>
            new TaskCompletionSource<SubscriptionWake>(TaskCreationOptions.RunContinuationsAsynchronously);

        private SubscriptionDialog NewDialog()
        {
            var dialog = new SubscriptionDialog(SipUserAgent.Random(12) + "@presencesync", SipUserAgent.Random(6));
            _manager.Register(dialog.Key, this);
            return dialog;
        }

        /// <summary>Leaves the old dialog (its late NOTIFYs are answered 481 quietly) and starts a new one.</summary>
        private void Renew()
        {
            lock (_gate)
            {
                _manager.Unregister(_dialog.Key);
                _dialog = NewDialog();
                Generation++;
            }
        }

        private void Health(bool healthy, string? errorId, string? detail)
        {
            // Only news is reported: every failure (with why), and success after one or in a new dialog (subscribed again
            // after a server restart); a refresh every few minutes is not news.
            if (healthy && _healthy == true && _reportedGeneration == Generation) return;
            _healthy = healthy;
            if (healthy && _reportedGeneration >= 0 && _reportedGeneration != Generation)
                detail ??= $"Subscribed again to {Resource} (subscription {Generation + 1} of this run).";
            if (healthy) _reportedGeneration = Generation;
            _handler.Health(healthy, errorId, detail);
        }

        private SipRequest Build(SubscriptionDialog dialog, int expires)
        {
            SipRequest request;
            lock (_gate)
            {
                var established = dialog.Established;
                request = _agent.NewRequest("SUBSCRIBE", established && dialog.RemoteTarget != null ? dialog.RemoteTarget : Resource);
                foreach (var route in dialog.RouteSet) request.Headers.Add("Route", route);
                request.Headers.Add("From", $"<{_agent.LocalUri}>;tag={dialog.LocalTag}");
                request.Headers.Add("To", $"<{Resource}>" + (established && dialog.RemoteTag != null ? ";tag=" + dialog.RemoteTag : ""));
                request.Headers.Add("Call-ID", dialog.CallId);
                request.Headers.Add("CSeq", $"{++dialog.LocalCSeq} SUBSCRIBE");
            }
            request.Headers.Add("Contact", _agent.Contact);
            request.Headers.Add("Event", _options.Event);
            request.Headers.Add("Accept", _list ? "application/rlmi+xml, multipart/related, application/dialog-info+xml" : "application/dialog-info+xml");
            if (_list) request.Headers.Add("Supported", "eventlist");
            request.Headers.Add("Allow", "NOTIFY, OPTIONS");
            request.Headers.Add("Expires", expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return request;
        }

        /// <summary>RFC 6665 section 4.1.2.3: a SUBSCRIBE with Expires 0 ends the subscription.</summary>
        private async Task UnsubscribeAsync()
        {
            SubscriptionDialog dialog;
            lock (_gate) dialog = _dialog;
            try
            {
                if (!dialog.Established) return;
                using var timeout = new CancellationTokenSource(_options.UnsubscribeTimeout);
                await _agent.SendAsync(() => Build(dialog, 0), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is System.IO.IOException || ex is System.Net.Sockets.SocketException || ex is ObjectDisposedException)
            {
                // Best effort: the server lets the subscription expire anyway.
            }
            finally
            {
                _manager.Unregister(dialog.Key);
            }
        }
    }
}
