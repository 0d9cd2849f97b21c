using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using PresenceSync.Engine.Sip.DialogInfo;

namespace PresenceSync.Engine.Sip.Rlmi
{
    /// <summary>
    /// Reads an RFC 4662 notification body: multipart/related (RFC 2387) whose root part (the
    /// "start" part, or the first) is application/rlmi+xml; each instance's cid names the part
    /// that carries that resource's state. Parts nobody names are ignored; a cid that names no
    /// part leaves the resource without a body (its state did not change, section 5.2).
    /// </summary>
    internal static class RlmiParser
    {
        public const string Namespace = "urn:ietf:params:xml:ns:rlmi";
        public const string ContentType = "application/rlmi+xml";

        public static RlmiList Parse(byte[] body, string contentTypeHeader)
        {
            var boundary = MultipartParser.Boundary(contentTypeHeader) ?? throw new DialogInfoException("The multipart Content-Type has no boundary.");
            var parts = MultipartParser.Parse(body, boundary);
            var start = Messages.HeaderText.Parameters(contentTypeHeader.Substring(contentTypeHeader.IndexOf(';')))
                .TryGetValue("start", out var s) ? s.Trim().TrimStart('<').TrimEnd('>') : null;
            var root = (start != null ? parts.FirstOrDefault(p => p.ContentId == start) : null) ?? parts.FirstOrDefault();
            if (root == null || root.ContentType != ContentType) throw new DialogInfoException("The multipart body has no application/rlmi+xml root part.");

            XNamespace ns = Namespace;
            var list = SafeXml.Load(root.Content, 256 * 1024).Root;
            if (list == null || list.Name != ns + "list") throw new DialogInfoException("The RLMI part's root element is not list in " + Namespace + ".");
            var result = new RlmiList
            {
                Uri = (string?)list.Attribute("uri"),
                Version = long.TryParse((string?)list.Attribute("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new DialogInfoException("The RLMI list has no valid version."),
                FullState = string.Equals(((string?)list.Attribute("fullState"))?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
                            || ((string?)list.Attribute("fullState"))?.Trim() == "1",
            };
            foreach (var resource in list.Elements(ns + "resource"))
            {
                var uri = ((string?)resource.Attribute("uri"))?.Trim();
                if (string.IsNullOrEmpty(uri)) throw new DialogInfoException("An RLMI resource has no uri.");
                var instance = resource.Element(ns + "instance");
                var entry = new RlmiResource { Uri = uri!, State = (string?)instance?.Attribute("state"), Reason = (string?)instance?.Attribute("reason") };
                var cid = ((string?)instance?.Attribute("cid"))?.Trim();
                var part = cid != null ? parts.FirstOrDefault(p => p != root && p.ContentId == cid) : null;
                if (part != null)
                {
                    entry.ContentType = part.ContentType;
                    entry.Body = part.Content;
                }
                result.Resources.Add(entry);
            }
            return result;
        }
    }
}
