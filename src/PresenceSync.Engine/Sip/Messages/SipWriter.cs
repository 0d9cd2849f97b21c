using System.Globalization;
using System.Text;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// Writes a message as RFC 3261 section 7 lays it out: start line, header fields, empty line,
    /// body. Content-Length is always written from the body (section 20.14: required on streams,
    /// harmless on datagrams), never taken from the headers.
    /// </summary>
    internal static class SipWriter
    {
        public static byte[] Write(SipMessage message)
        {
            var sb = new StringBuilder(512);
            sb.Append(message.StartLine).Append("\r\n");
            foreach (var field in message.Headers.Fields)
            {
                if (string.Equals(field.Key, "Content-Length", System.StringComparison.OrdinalIgnoreCase)) continue;
                // A CR or LF inside a value would start a new header: values come from the network or the admin, so they are cut there.
                sb.Append(field.Key).Append(": ").Append(SingleLine(field.Value)).Append("\r\n");
            }
            sb.Append("Content-Length: ").Append(message.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            var head = Encoding.UTF8.GetBytes(sb.ToString());
            if (message.Body.Length == 0) return head;
            var bytes = new byte[head.Length + message.Body.Length];
            System.Buffer.BlockCopy(head, 0, bytes, 0, head.Length);
            System.Buffer.BlockCopy(message.Body, 0, bytes, head.Length, message.Body.Length);
            return bytes;
        }

        private static string SingleLine(string value)
        {
            var cut = value.IndexOfAny(new[] { '\r', '\n' });
            return cut < 0 ? value : value.Substring(0, cut);
        }
    }
}
