using System;
using Azure.Core;
using Microsoft.Graph;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// One app's connection to Graph in this process: the credential (whose token cache must be
    /// reused), the GraphServiceClient, the presence budget and the counters.
    /// </summary>
    internal sealed class GraphSession
    {
        public GraphSession(string clientId, GraphEndpoint endpoint, TokenCredential credential, GraphServiceClient client,
            PresenceBudget budget, GraphStatistics statistics)
        {
            ClientId = clientId;
            Endpoint = endpoint;
            Credential = credential;
            Client = client;
            Budget = budget;
            Statistics = statistics;
        }

        public string ClientId { get; }
        public GraphEndpoint Endpoint { get; }
        public TokenCredential Credential { get; }
        public GraphServiceClient Client { get; }
        public PresenceBudget Budget { get; }
        public GraphStatistics Statistics { get; }
    }
}
