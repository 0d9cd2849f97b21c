using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// Reads SIP messages (RFC 3261 section 7 and the grammar of section 25, the subset a
    /// subscriber meets). Anything that does not parse throws <see cref="SipParseException"/>;
    /// nothing else escapes, whatever the bytes. Limits come from <see cref="SipLimits"/>.
    /// </summary>
    internal static class SipParser
    {
        /// <summary>A whole datagram (RFC 3261 section 18.3: Content-Length, when present, says where the body ends).</summary>
        public static SipMessage Parse(byte[] data, int offset, int count, SipLimits limits)
        {
            if (offset < 0 || count < 0 || offset + count > data.Length) throw new ArgumentOutOfRangeException(nameof(count));
            var start = SkipLeadingLineBreaks(data, offset, offset + count);
            var headerEnd = FindHeaderEnd(data, start, offset + count - start, limits);
            if (headerEnd < 0) throw new SipParseException(SipParseException.BadStartLine, "The message has no empty line after its header fields.");
            var message = ParseHead(data, start, headerEnd - start, limits);
            var available = offset + count - headerEnd;
            var declared = DeclaredLength(message, streamed: false);
            if (declared is int length && length > available)
                throw new SipParseException(SipParseException.BadLength, $"Content-Length says {length} bytes but the datagram carries {available}.");
            SetBody(message, data, headerEnd, declared ?? available, limits);
            return message;
        }

        /// <summary>One framed message of a stream (TCP): header section and body lengths known (RFC 3261 section 18.3).</summary>
        public static SipMessage ParseFrame(byte[] data, int start, int headerLength, int bodyLength, SipLimits limits)
        {
            var message = ParseHead(data, start, headerLength, limits);
            SetBody(message, data, start + headerLength, bodyLength, limits);
            return message;
        }

        /// <summary>Index just past the empty line that ends the header section, or -1 when it has not come yet.</summary>
        public static int FindHeaderEnd(byte[] data, int offset, int count, SipLimits limits)
        {
            var end = offset + count;
            for (var i = offset; i < end; i++)
            {
                if (i - offset > limits.MaxHeaderBytes)
                    throw new SipParseException(SipParseException.TooLarge, $"The header section is longer than {limits.MaxHeaderBytes} bytes.");
                if (data[i] != '\n') continue;
                if (i + 1 < end && data[i + 1] == '\n') return i + 2;
                if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
            }
            return -1;
        }

        /// <summary>RFC 3261 section 7.5: CRLFs before the start line are ignored (and are keep-alives on streams, RFC 5626 section 3.5.1).</summary>
        public static int SkipLeadingLineBreaks(byte[] data, int offset, int end)
        {
            while (offset < end && (data[offset] == '\r' || data[offset] == '\n')) offset++;
            return offset;
        }

        /// <summary>The Content-Length of a head already parsed; streams must carry one (RFC 3261 section 20.14).</summary>
        public static int? DeclaredLength(SipMessage message, bool streamed)
        {
            var values = message.Headers.GetAll("Content-Length");
            if (values.Count == 0)
            {
                if (streamed) throw new SipParseException(SipParseException.BadLength, "A message on a stream must carry Content-Length.");
                return null;
            }
            int? length = null;
            foreach (var v in values)
            {
                if (!int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw new SipParseException(SipParseException.BadLength, "Content-Length is not a number.");
                if (length != null && length != n) throw new SipParseException(SipParseException.BadLength, "Content-Length is given twice, differently.");
                length = n;
            }
            return length;
        }

        internal static SipMessage ParseHead(byte[] data, int start, int length, SipLimits limits)
        {
            if (length > limits.MaxHeaderBytes + 4)
                throw new SipParseException(SipParseException.TooLarge, $"The header section is longer than {limits.MaxHeaderBytes} bytes.");
            var text = Encoding.UTF8.GetString(data, start, length);
            var lines = Unfold(text);
            if (lines.Count == 0) throw new SipParseException(SipParseException.BadStartLine, "The message is empty.");
            var message = StartLine(lines[0]);
            if (lines.Count - 1 > limits.MaxHeaderCount)
                throw new SipParseException(SipParseException.TooLarge, $"The message has more than {limits.MaxHeaderCount} header fields.");
            for (var i = 1; i < lines.Count; i++)
            {
                var line = lines[i];
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new SipParseException(SipParseException.BadHeader, $"Header line {i} has no name.");
                var name = line.Substring(0, colon).Trim();
                if (!HeaderText.IsToken(name)) throw new SipParseException(SipParseException.BadHeader, $"Header line {i} has a name that is not a token.");
                message.Headers.Add(name, line.Substring(colon + 1).Trim());
            }
            return message;
        }

        /// <summary>Lines of the header section, with continuation lines (leading SP or HT) joined (RFC 3261 section 7.3.1).</summary>
        private static List<string> Unfold(string text)
        {
            var result = new List<string>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0) continue;
                if ((line[0] == ' ' || line[0] == '\t') && result.Count > 1) result[result.Count - 1] += " " + line.Trim();
                else if (line[0] == ' ' || line[0] == '\t') throw new SipParseException(SipParseException.BadHeader, "A continuation line has nothing to continue.");
                else result.Add(line);
            }
            return result;
        }

        private static SipMessage StartLine(string line)
        {
            if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
            {
                // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (section 7.2)
                var parts = line.Split(new[] { ' ' }, 3);
                if (parts.Length < 2 || !string.Equals(parts[0], "SIP/2.0", StringComparison.OrdinalIgnoreCase))
                    throw new SipParseException(SipParseException.BadStartLine, "The status line is not 'SIP/2.0 <code> <reason>'.");
                if (parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 100 || code > 699)
                    throw new SipParseException(SipParseException.BadStartLine, "The status code is not a number from 100 to 699.");
                return new SipResponse(code, parts.Length > 2 ? parts[2].Trim() : string.Empty);
            }
            // Request-Line = Method SP Request-URI SP SIP-Version (section 7.1)
            var p = line.Split(' ');
            if (p.Length != 3 || !HeaderText.IsToken(p[0]) || p[1].Length == 0 || p[1].IndexOf(':') <= 0
                || !string.Equals(p[2], "SIP/2.0", StringComparison.OrdinalIgnoreCase))
                throw new SipParseException(SipParseException.BadStartLine, "The request line is not '<method> <uri> SIP/2.0'.");
            return new SipRequest(p[0].ToUpperInvariant(), p[1]);
        }

        private static void SetBody(SipMessage message, byte[] data, int start, int length, SipLimits limits)
        {
            if (length == 0) return;
            if (length > limits.MaxBodyBytes)
            {
                message.BodyTooLarge = true;
                return;
            }
            var body = new byte[length];
            Buffer.BlockCopy(data, start, body, 0, length);
            message.Body = body;
        }
    }
}
