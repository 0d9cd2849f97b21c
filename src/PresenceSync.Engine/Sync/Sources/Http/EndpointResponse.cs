using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>What the endpoint answers: a status and a JSON body (errors as {"error":{"code","message"}}).</summary>
    public sealed class EndpointResponse
    {
        public EndpointResponse(int status, string json, int? retryAfterSeconds = null)
        {
            Status = status;
            Json = json;
            RetryAfterSeconds = retryAfterSeconds;
        }

        public int Status { get; }
        public string Json { get; }
        public int? RetryAfterSeconds { get; }

        public static EndpointResponse Error(int status, string code, string message, int? retryAfterSeconds = null) =>
            new EndpointResponse(status, JsonSerializer.Serialize(new { error = new { code, message } }), retryAfterSeconds);

        internal byte[] ToBytes(bool keepAlive)
        {
            var body = Encoding.UTF8.GetBytes(Json);
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
