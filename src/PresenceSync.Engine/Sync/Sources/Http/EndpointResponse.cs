using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>What the endpoint answers: a status and a JSON body (errors as {"error":{"code","message"}}).</summary>
    public sealed class EndpointResponse
    {
        private readonly byte[]? _body;
        private string? _json;
        private byte[]? _keepAlive;
        private byte[]? _close;

        public EndpointResponse(int status, string json, int? retryAfterSeconds = null)
        {
            Status = status;
            _json = json;
            RetryAfterSeconds = retryAfterSeconds;
        }

        /// <summary>
        /// An answer served many times as it is (a service's routable agents): its bytes on the wire
        /// are made once per connection style and then handed out again, so a query allocates
        /// nothing (an 89 KB answer per query would go to the large-object heap and cost full GCs).
        /// </summary>
        internal EndpointResponse(int status, byte[] utf8Json)
        {
            Status = status;
            _body = utf8Json;
        }

        public int Status { get; }
        public string Json => _json ??= Encoding.UTF8.GetString(_body!);
        public int? RetryAfterSeconds { get; }

        public static EndpointResponse Error(int status, string code, string message, int? retryAfterSeconds = null) =>
            new EndpointResponse(status, JsonSerializer.Serialize(new { error = new { code, message } }), retryAfterSeconds);

        internal byte[] ToBytes(bool keepAlive)
        {
            if (_body == null) return Build(Encoding.UTF8.GetBytes(_json!), keepAlive);
            // Two threads may both build it; the results are equal, so either may win.
            return keepAlive ? _keepAlive ??= Build(_body, true) : _close ??= Build(_body, false);
        }

        private byte[] Build(byte[] body, bool keepAlive)
        {
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(Status)).Append("\r\n")
                .Append("Content-Type: application/json; charset=utf-8\r\n")
                .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
            if (RetryAfterSeconds is int seconds) head.Append("Retry-After: ").Append(seconds.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            var headBytes = Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
            var all = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(all, 0);
            body.CopyTo(all, headBytes.Length);
            return all;
        }

        private static string Reason(int status) => status switch
        {
            200 => "OK",
            202 => "Accepted",
            400 => "Bad Request",
            401 => "Unauthorized",
            404 => "Not Found",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            409 => "Conflict",
            411 => "Length Required",
            413 => "Content Too Large",
            422 => "Unprocessable Content",
            431 => "Request Header Fields Too Large",
            503 => "Service Unavailable",
            _ => "Status",
        };
    }
}
