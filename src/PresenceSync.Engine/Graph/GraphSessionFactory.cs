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
    /// Builds Azure.Identity credentials and Graph clients, and keeps one session per app per
    /// process. This is the one deliberate process-wide cache: Graph's tokens are cached per
    /// credential instance and the presence budget is per app, so two runspaces syncing the same
    /// app must share both or they would each spend the whole budget.
    /// </summary>
    internal static class GraphSessionFactory
    {
        private static readonly ConcurrentDictionary<string, GraphSession> Sessions = new ConcurrentDictionary<string, GraphSession>();

        public static GraphSession Get(string key, string clientId, GraphEndpoint endpoint, Func<TokenCredentialOptions, TokenCredential> credential,
            int budgetRequests, TimeSpan budgetWindow, RetryPolicy? retry = null) =>
            Sessions.GetOrAdd(key + "|" + endpoint.Key, _ => Create(clientId, endpoint, credential, budgetRequests, budgetWindow, retry ?? new RetryPolicy()));

        /// <summary>Forgets a session (after a secret rotation or removal) so the next call signs in afresh.</summary>
        public static void Forget(string keyPrefix)
        {
            foreach (var key in Sessions.Keys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList()) Sessions.TryRemove(key, out _);
        }

        public static GraphSession Create(string clientId, GraphEndpoint endpoint, Func<TokenCredentialOptions, TokenCredential> credential,
            int budgetRequests, TimeSpan budgetWindow, RetryPolicy retry)
        {
            var tokenCredential = credential(ConfigureCredential(new TokenCredentialOptions(), endpoint));
            return Create(clientId, endpoint, tokenCredential, budgetRequests, budgetWindow, retry);
        }

        public static GraphSession Create(string clientId, GraphEndpoint endpoint, TokenCredential tokenCredential,
            int budgetRequests, TimeSpan budgetWindow, RetryPolicy retry)
        {
            var statistics = new GraphStatistics();
            var budget = new PresenceBudget(budgetRequests, budgetWindow);
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
