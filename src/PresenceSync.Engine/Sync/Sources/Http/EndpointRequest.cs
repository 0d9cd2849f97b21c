using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>One request the endpoint took in whole: headers within their limits, body within its size.</summary>
    public sealed class EndpointRequest
    {
        public EndpointRequest(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body, string client, DateTime receivedUtc)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Body = body;
            Client = client;
            ReceivedUtc = receivedUtc;
        }

        public string Method { get; }
        public string Target { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }

        /// <summary>The client's address, for per-client limits and logs.</summary>
        public string Client { get; }

        /// <summary>When its headers were complete: events without a time of their own are ordered by it.</summary>
        public DateTime ReceivedUtc { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public string Path => Target.Split('?')[0];
    }
}
