using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Builds Azure.Identity credentials and Graph clients, and keeps them per process. These are
    /// the deliberate process-wide caches: Graph's tokens are cached per credential instance, and
    /// the presence budget is per app per tenant, so two runspaces syncing the same app must share
    /// both or they would each spend the whole budget. A session is keyed by the store it was read
    /// from and the credential's id and version (so one store's credential never serves another
    /// and a rotation gives a new session); the budget is keyed by tenant and app only, since Graph
    /// counts it that way whichever store or credential version makes the request.
    /// </summary>
    internal static class GraphSessionFactory
    {
        private static readonly ConcurrentDictionary<string, GraphSession> Sessions = new ConcurrentDictionary<string, GraphSession>();
        private static readonly ConcurrentDictionary<string, PresenceBudget> Budgets = new ConcurrentDictionary<string, PresenceBudget>();
        private static readonly object BuildGate = new object();

        /// <summary>
        /// The session under <paramref name="key"/>, built once (the credential factory runs only on
        /// a miss). <paramref name="replaces"/> says which cached sessions the new one makes obsolete.
        /// </summary>
        public static GraphSession Get(string key, Func<string, bool>? replaces, string tenantId, string clientId, GraphEndpoint endpoint,
            Func<TokenCredential> credential, int budgetRequests, TimeSpan budgetWindow)
        {
            if (Sessions.TryGetValue(key, out var session)) return session;
            lock (BuildGate)
            {
                if (Sessions.TryGetValue(key, out session)) return session;
                var tokenCredential = credential();
                session = Create(clientId, endpoint, tokenCredential, Budget(tenantId, clientId, endpoint, budgetRequests, budgetWindow), new RetryPolicy());
                if (replaces != null) Forget(k => k != key && replaces(k));
                Sessions[key] = session;
                return session;
            }
        }

        /// <summary>The one budget of an app in a tenant, shared by every session of it in this process.</summary>
        public static PresenceBudget Budget(string tenantId, string clientId, GraphEndpoint endpoint, int requests, TimeSpan window) =>
            Budgets.GetOrAdd($"{tenantId}|{clientId}|{endpoint.GraphBaseUrl}|{requests}|{window.Ticks}".ToLowerInvariant(), _ => new PresenceBudget(requests, window));

        /// <summary>Forgets sessions (after a credential was removed) so nothing built from it is used again.</summary>
        public static void Forget(Func<string, bool> which)
        {
            foreach (var key in Sessions.Keys.Where(which).ToList()) Sessions.TryRemove(key, out _);
        }

        public static GraphSession Create(string clientId, GraphEndpoint endpoint, TokenCredential tokenCredential,
            int budgetRequests, TimeSpan budgetWindow, RetryPolicy retry) =>
            Create(clientId, endpoint, tokenCredential, new PresenceBudget(budgetRequests, budgetWindow), retry);

        public static GraphSession Create(string clientId, GraphEndpoint endpoint, TokenCredential tokenCredential, PresenceBudget budget, RetryPolicy retry)
        {
            var statistics = new GraphStatistics();
            // The SDK's RetryHandler is replaced by ours, which paces, retries and counts.
            var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => !(h is RetryHandler)).ToList();
            handlers.Add(new PacedRetryHandler(budget, statistics, retry));
            var http = GraphClientFactory.Create(handlers, finalHandler: FinalHandler(endpoint));
            var auth = new AzureIdentityAuthenticationProvider(tokenCredential, new[] { endpoint.GraphHost }, null, false, endpoint.Scope);
            var client = new GraphServiceClient(http, auth, endpoint.GraphBaseUrl);
            return new GraphSession(clientId, endpoint, tokenCredential, client, budget, statistics);
        }

        /// <summary>Points any Azure.Identity options at the endpoint (authority, TLS pin, no instance discovery off the public cloud).</summary>
        public static T ConfigureCredential<T>(T options, GraphEndpoint endpoint) where T : TokenCredentialOptions
        {
            options.AuthorityHost = new Uri(endpoint.AuthorityHost);
            options.Transport = new HttpClientTransport(new HttpClient(FinalHandler(endpoint)));
            return options;
        }

        public static HttpMessageHandler FinalHandler(GraphEndpoint endpoint)
        {
            var handler = new HttpClientHandler();
            if (endpoint.ServerCertificateThumbprint is string pin)
            {
                handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                    certificate != null && string.Equals(certificate.Thumbprint, pin, StringComparison.OrdinalIgnoreCase);
            }
            return handler;
        }
    }
}
