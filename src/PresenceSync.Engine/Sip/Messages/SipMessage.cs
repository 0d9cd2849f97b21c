using System;
using System.Globalization;
using System.Text;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// A request or a response (RFC 3261 section 7): a start line, header fields and an optional
    /// body. The body is kept as bytes: its content type decides how it is read.
    /// </summary>
    internal abstract class SipMessage
    {
        public SipHeaders Headers { get; } = new SipHeaders();

        public byte[] Body { get; set; } = new byte[0];

        /// <summary>The body was larger than the limit and was not kept; the message is still answered (413).</summary>
        public bool BodyTooLarge { get; set; }

        public string? CallId => Headers.Get("Call-ID");

        /// <summary>The top Via (RFC 3261 section 8.1.1.7), the one that names the transaction.</summary>
        public ViaHeader? TopVia
        {
            get
            {
                var vias = Headers.GetList("Via");
                return vias.Count == 0 ? null : ViaHeader.Parse(vias[0]);
            }
        }

        public NameAddress From => NameAddress.Parse(Headers.Get("From"));

        public NameAddress To => NameAddress.Parse(Headers.Get("To"));

        /// <summary>CSeq (RFC 3261 section 20.16): a 32-bit sequence number and the method.</summary>
        public (long Number, string Method) CSeq
        {
            get
            {
                var value = Headers.Get("CSeq") ?? throw new SipParseException(SipParseException.BadHeader, "CSeq is missing.");
                var parts = value.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > uint.MaxValue
                    || !HeaderText.IsToken(parts[1]))
                    throw new SipParseException(SipParseException.BadHeader, "CSeq is not '<number> <method>'.");
                return (n, parts[1].ToUpperInvariant());
            }
        }

        public string? ContentType
        {
            get
            {
                var value = Headers.Get("Content-Type");
                if (value == null) return null;
                var semi = value.IndexOf(';');
                return (semi < 0 ? value : value.Substring(0, semi)).Trim().ToLowerInvariant();
            }
        }

        /// <summary>An integer header such as Expires or Min-Expires (delta-seconds, RFC 3261 section 25.1); null when absent or not a number.</summary>
        public long? DeltaSeconds(string name)
        {
            var value = Headers.Get(name);
            if (value == null) return null;
            var v = value.Trim();
            var semi = v.IndexOf(';');
            if (semi >= 0) v = v.Substring(0, semi).Trim();
            return long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
        }

        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>The first line, for records and traces (never the body: it may carry names).</summary>
        public abstract string StartLine { get; }
    }
}
