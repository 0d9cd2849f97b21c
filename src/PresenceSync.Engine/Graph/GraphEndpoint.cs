using System;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Where Graph and the identity platform are. Public cloud by default; a national cloud, a
    /// proxy or the PresenceSync Graph emulator by setting the two URLs, and for the emulator the
    /// thumbprint of the one TLS certificate to trust.
    /// </summary>
    public sealed class GraphEndpoint
    {
        public const string PublicAuthorityHost = "https://login.microsoftonline.com/";
        public const string PublicGraphBaseUrl = "https://graph.microsoft.com/v1.0";

        public GraphEndpoint(string? authorityHost = null, string? graphBaseUrl = null, string? serverCertificateThumbprint = null)
        {
            AuthorityHost = string.IsNullOrWhiteSpace(authorityHost) ? PublicAuthorityHost : authorityHost!.Trim();
            GraphBaseUrl = (string.IsNullOrWhiteSpace(graphBaseUrl) ? PublicGraphBaseUrl : graphBaseUrl!.Trim()).TrimEnd('/');
            ServerCertificateThumbprint = string.IsNullOrWhiteSpace(serverCertificateThumbprint) ? null : serverCertificateThumbprint!.Trim();
        }

        public string AuthorityHost { get; }
        public string GraphBaseUrl { get; }

        /// <summary>When set, only a server certificate with this SHA-1 thumbprint is trusted (emulator, pinned proxy).</summary>
        public string? ServerCertificateThumbprint { get; }

        public bool IsPublicCloud => string.Equals(AuthorityHost.TrimEnd('/'), PublicAuthorityHost.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        public string GraphHost => new Uri(GraphBaseUrl).Host;

        /// <summary>
        /// The .default scope of the Graph resource this endpoint serves: the national clouds have
        /// their own (graph.microsoft.us, microsoftgraph.chinacloudapi.cn); a local emulator or
        /// proxy stands in for the public one.
        /// </summary>
        public string Scope
        {
            get
            {
                var uri = new Uri(GraphBaseUrl);
                return uri.IsLoopback ? "https://graph.microsoft.com/.default" : $"https://{uri.Host}/.default";
            }
        }

        public string Key => $"{AuthorityHost}|{GraphBaseUrl}|{ServerCertificateThumbprint}";
    }
}
