using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// The request line and headers of one HTTP/1.1 request (RFC 9112 sections 2-6), read within a
    /// size limit. Only what the endpoint needs is understood: a Content-Length body, keep-alive,
    /// Expect: 100-continue. A chunked body is answered 411: ACDs send a length.
    /// </summary>
    internal sealed class HttpRequestHead
    {
        private HttpRequestHead(string method, string target, string version, Dictionary<string, string> headers)
        {
            Method = method;
            Target = target;
            Version = version;
            Headers = headers;
        }

        public string Method { get; }
        public string Target { get; }
        public string Version { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public long ContentLength
        {
            get
            {
                var text = Header("Content-Length");
                if (text == null) return 0;
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    throw new HttpFault(400, "BadContentLength", "Content-Length must be a number.");
                return length;
            }
        }

        public bool KeepAlive => Version == "HTTP/1.1"
            ? !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase)
            : string.Equals(Header("Connection"), "keep-alive", StringComparison.OrdinalIgnoreCase);

        public bool ExpectsContinue => string.Equals(Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);

        /// <summary>Parses the text up to (not including) the blank line that ends the headers.</summary>
        public static HttpRequestHead Parse(byte[] buffer, int length) => Parse(Encoding.ASCII.GetString(buffer, 0, length));

        private static HttpRequestHead Parse(string text)
        {
            var lines = text.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var parts = lines[0].Split(' ');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
                throw new HttpFault(400, "BadRequestLine", "The request line must be 'METHOD target HTTP/1.1'.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon <= 0 || lines[i][0] == ' ' || lines[i][0] == '\t')
                    throw new HttpFault(400, "BadHeader", "A header line must be 'Name: value' (folded headers are not accepted).");
                var name = lines[i].Substring(0, colon).Trim();
                var value = lines[i].Substring(colon + 1).Trim();
                // Two Content-Length or signature headers could be read differently by a proxy in front: refuse them.
                if (headers.ContainsKey(name))
                    throw new HttpFault(400, "DuplicateHeader", $"The header {name} is given twice.");
                headers[name] = value;
            }
            var head = new HttpRequestHead(parts[0], parts[1], parts[2], headers);
            if (head.Header("Transfer-Encoding") != null)
                throw new HttpFault(411, "LengthRequired", "Send the body with a Content-Length; chunked bodies are not accepted.");
            return head;
        }
    }
}
