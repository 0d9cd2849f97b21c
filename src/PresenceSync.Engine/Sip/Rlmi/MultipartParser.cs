using System;
using System.Collections.Generic;
using System.Text;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Rlmi
{
    /// <summary>
    /// Splits a multipart body (RFC 2046 section 5.1.1) at its boundary: "--boundary" lines
    /// separate the parts, "--boundary--" ends them; preamble and epilogue are ignored. Each part
    /// has header fields, an empty line and its content. Used for RFC 4662 multipart/related
    /// notifications (RFC 2387).
    /// </summary>
    internal static class MultipartParser
    {
        public const int MaxParts = 1024;

        /// <summary>The boundary parameter of a multipart Content-Type, or null.</summary>
        public static string? Boundary(string? contentType)
        {
            if (contentType == null) return null;
            var semi = contentType.IndexOf(';');
            if (semi < 0) return null;
            return HeaderText.Parameters(contentType.Substring(semi)).TryGetValue("boundary", out var b) && b.Length > 0 && b.Length <= 70 ? b : null;
        }

        public static List<MimePart> Parse(byte[] body, string boundary)
        {
            var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
            var parts = new List<MimePart>();
            var position = IndexOf(body, delimiter, 0);
            if (position < 0) throw new DialogInfoException("The multipart body has no boundary line.");
            while (true)
            {
                var after = position + delimiter.Length;
                if (after + 1 < body.Length && body[after] == '-' && body[after + 1] == '-') return parts;
                var lineEnd = IndexOf(body, new[] { (byte)'\n' }, after);
                if (lineEnd < 0) throw new DialogInfoException("The multipart body ends inside a boundary line.");
                var partStart = lineEnd + 1;
                var next = IndexOf(body, delimiter, partStart);
                if (next < 0) throw new DialogInfoException("The multipart body has no closing boundary.");
                // The CRLF before the next boundary belongs to the boundary (RFC 2046 section 5.1.1).
                var partEnd = next;
                if (partEnd > partStart && body[partEnd - 1] == '\n') partEnd--;
                if (partEnd > partStart && body[partEnd - 1] == '\r') partEnd--;
                if (parts.Count == MaxParts) throw new DialogInfoException($"The multipart body has more than {MaxParts} parts.");
                parts.Add(ReadPart(body, partStart, partEnd));
                position = next;
            }
        }

        private static MimePart ReadPart(byte[] body, int start, int end)
        {
            var part = new MimePart();
            var headerEnd = start;
            // A part may have no header fields at all: then it starts with the empty line.
            if (end - start >= 2 && body[start] == '\r' && body[start + 1] == '\n') headerEnd = start + 2;
            else if (end > start && body[start] == '\n') headerEnd = start + 1;
            else
            {
                var found = SipParser.FindHeaderEnd(body, start, end - start, SipLimits.Default);
                if (found < 0) throw new DialogInfoException("A body part has no empty line after its header fields.");
                headerEnd = found;
                foreach (var raw in Encoding.UTF8.GetString(body, start, headerEnd - start).Split('\n'))
                {
                    var line = raw.TrimEnd('\r');
                    if (line.Length == 0) continue;
                    var colon = line.IndexOf(':');
                    if (colon <= 0) throw new DialogInfoException("A body part has a header line without a name.");
                    part.Headers.Add(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim());
                }
            }
            var content = new byte[Math.Max(0, end - headerEnd)];
            Buffer.BlockCopy(body, headerEnd, content, 0, content.Length);
            part.Content = content;
            return part;
        }

        private static int IndexOf(byte[] data, byte[] pattern, int from)
        {
            for (var i = from; i <= data.Length - pattern.Length; i++)
            {
                var match = true;
                for (var j = 0; j < pattern.Length; j++)
                {
                    if (data[i + j] != pattern[j]) { match = false; break; }
                }
                if (match) return i;
            }
            return -1;
        }
    }
}
