using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Auth;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Transport;

namespace PresenceSync.Engine.Sip.UserAgent
{
    /// <summary>
    /// A minimal SIP user agent (RFC 3261 section 8): builds the common parts of requests (Via,
    /// From, Contact, Max-Forwards), runs them as client transactions with digest authentication
    /// (section 22), answers requests that arrive (NOTIFY through <see cref="NotifyHandler"/>,
    /// OPTIONS with 200, anything else with 405), and drops stray responses (section 18.1.2).
    /// </summary>
    internal sealed class SipUserAgent : IDisposable
    {
        private readonly SipAgentOptions _options;
        private readonly ResponseCache _answered;
        private ISipTransport? _transport;
        private ClientTransactions? _transactions;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public SipUserAgent(SipAgentOptions options)
        {
            _options = options;
            _answered = new ResponseCache(TimeSpan.FromTicks(options.T1.Ticks * 64));
            Authenticator = options.Password != null ? new DigestAuthenticator(options.UserName, options.Password) : null;
        }

        public SipAgentOptions Options => _options;
        public DigestAuthenticator? Authenticator { get; }

        /// <summary>Answers a NOTIFY; set by the subscriptions before <see cref="Start"/>.</summary>
        public Func<SipRequest, InboundMessage, SipResponse>? NotifyHandler { get; set; }

        /// <summary>Bad input: error id, detail, sender.</summary>
        public event Action<string, string, IPEndPoint?>? Refused;

        public event Action? ConnectionLost;

        public IPEndPoint LocalEndPoint => _transport?.LocalEndPoint ?? throw new InvalidOperationException("The user agent has not started.");

        public string TransportName => _options.Tcp ? "TCP" : "UDP";

        public TimeSpan TransactionTimeout => _transactions?.Timeout ?? TimeSpan.FromTicks(_options.T1.Ticks * 64);

        /// <summary>Binds the transport; a taken port or an address this host does not have throws <see cref="SocketException"/>.</summary>
        public void Start()
        {
            var local = _options.LocalAddress ?? RouteAddress(_options.Server);
            var bind = new IPEndPoint(local, _options.LocalPort);
            _transport = _options.Tcp ? new TcpSipTransport(bind, _options.Limits, TimeSpan.FromSeconds(5)) : (ISipTransport)new UdpSipTransport(bind, _options.Limits);
            _transactions = new ClientTransactions(_transport, _options.T1);
            _transport.Received += OnReceived;
            _transport.Refused += (id, detail, from) => Refused?.Invoke(id, detail, from);
            _transport.ConnectionLost += _ => ConnectionLost?.Invoke();
            _transport.Start();
        }

        /// <summary>The local address the OS would use towards the server (a UDP connect sends nothing).</summary>
        private static IPAddress RouteAddress(IPEndPoint server)
        {
            using var probe = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(server);
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }

        public string Contact => $"<sip:{_options.UserName}@{HostPort(LocalEndPoint)}{(_options.Tcp ? ";transport=tcp" : "")}>";

        public string LocalUri => $"sip:{_options.UserName}@{_options.Domain}";

        private static string HostPort(IPEndPoint ep) =>
            (ep.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + ep.Address + "]" : ep.Address.ToString()) + ":" + ep.Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>A request with Via (a fresh branch, rport per RFC 3581), Max-Forwards and User-Agent.</summary>
        public SipRequest NewRequest(string method, string requestUri)
        {
            var request = new SipRequest(method, requestUri);
            request.Headers.Add("Via", $"SIP/2.0/{TransportName} {HostPort(LocalEndPoint)};branch={ViaHeader.MagicCookie}{Random(10)};rport");
            request.Headers.Add("Max-Forwards", "70");
            return request;
        }

        /// <summary>
        /// Runs a request to its final response. A 401/407 is answered once with credentials
        /// (twice when the nonce was stale), each time as a new request from <paramref name="build"/>
        /// with a new branch and the next CSeq (RFC 3261 section 22.2). No response in Timer F is a timeout.
        /// </summary>
        public async Task<SipExchange> SendAsync(Func<SipRequest> build, CancellationToken ct)
        {
            var challenges = 0;
            while (true)
            {
                var request = build();
                request.Headers.Set("User-Agent", _options.UserAgentHeader);
                Authenticator?.Authorize(request);
                var response = await _transactions!.RequestAsync(request, _options.Server, ct).ConfigureAwait(false);
                if (response == null || (response.StatusCode != 401 && response.StatusCode != 407)) return new SipExchange(response, request);
                if (Authenticator == null)
                    return new SipExchange(response, request, SipErrorIds.AuthenticationFailed,
                        $"The server asks for credentials ({response.StatusCode} {response.Reason}) and none are configured.");
                var outcome = Authenticator.Accept(response, challenges++);
                if (!outcome.Retry) return new SipExchange(response, request, outcome.ErrorId, outcome.Detail);
            }
        }

        private void OnReceived(InboundMessage inbound)
        {
            if (inbound.Message is SipResponse response)
            {
                _transactions?.Deliver(response);
                return;
            }
            var request = (SipRequest)inbound.Message;
            if (request.Method == "ACK") return;
            SipResponse answer;
            string? key;
            try
            {
                // Without these a response cannot be built or routed (RFC 3261 section 8.1.1): drop it, record it.
                if (request.TopVia == null || request.CallId == null) throw new SipParseException(SipParseException.BadHeader, "Via or Call-ID is missing.");
                _ = request.CSeq;
                _ = request.From;
                _ = request.To;
                key = ResponseCache.Key(request);
                var earlier = key != null ? _answered.Find(key) : null;
                if (earlier != null)
                {
                    Reply(earlier, inbound);
                    return;
                }
                answer = Answer(request, inbound);
            }
            catch (SipParseException ex)
            {
                Refused?.Invoke(SipErrorIds.MalformedMessage, $"A {request.Method} from {inbound.Remote} has bad header fields ({ex.Message}); it is not answered.", inbound.Remote);
                return;
            }
            if (key != null) _answered.Add(key, answer);
            Reply(answer, inbound);
        }

        private SipResponse Answer(SipRequest request, InboundMessage inbound)
        {
            switch (request.Method)
            {
                case "NOTIFY":
                    return NotifyHandler?.Invoke(request, inbound) ?? SipResponse.For(request, 481, "Subscription Does Not Exist");
                case "OPTIONS":
                    // A PBX's keep-alive probe (Asterisk qualify): say what this client takes (RFC 3261 section 11.2).
                    var ok = SipResponse.For(request, 200, "OK", Random(8));
                    ok.Headers.Add("Allow", "NOTIFY, OPTIONS");
                    ok.Headers.Add("Accept", "application/dialog-info+xml, application/rlmi+xml, multipart/related");
                    return ok;
                default:
                    Refused?.Invoke(SipErrorIds.UnexpectedRequest, $"A {request.Method} request from {inbound.Remote} was answered 405: this client only takes NOTIFY and OPTIONS.", inbound.Remote);
                    var refused = SipResponse.For(request, 405, "Method Not Allowed", Random(8));
                    refused.Headers.Add("Allow", "NOTIFY, OPTIONS");
                    return refused;
            }
        }

        private void Reply(SipResponse response, InboundMessage to)
        {
            var transport = _transport;
            if (transport == null) return;
            _ = transport.ReplyAsync(response, to, _stop.Token).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

        public static string Random(int bytes)
        {
            var data = new byte[bytes];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(data);
            var sb = new System.Text.StringBuilder(bytes * 2);
            foreach (var b in data) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _transport?.Dispose();
            _stop.Dispose();
        }
    }
}
