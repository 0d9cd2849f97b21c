using System;
using System.Collections.Generic;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Rlmi;
using PresenceSync.Engine.Sip.Subscriptions;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// The NOTIFYs of one resource list subscription (RFC 4662): multipart/related bodies whose
    /// RLMI part lists the extensions and whose other parts carry their dialog-info. Each part goes
    /// to its extension's line; a resource whose instance is terminated marks that extension
    /// unhealthy. List versions (section 5.1) drop stale or repeated notifications.
    /// </summary>
    internal sealed class ResourceListHandler : INotifyBodyHandler
    {
        private readonly LineContext _context;
        private readonly Func<string, ExtensionLine?> _lineFor;
        private readonly string _list;
        private readonly object _gate = new object();
        private int _generation = -1;
        private long _version = -1;

        public ResourceListHandler(string listUri, LineContext context, Func<string, ExtensionLine?> lineFor)
        {
            _list = listUri;
            _context = context;
            _lineFor = lineFor;
        }

        public NotifyVerdict Handle(SipRequest notify, int generation, DateTime receivedUtc)
        {
            if (notify.BodyTooLarge) return Refuse(413, "Request Entity Too Large", SipErrorIds.MessageTooLarge, $"A NOTIFY for the list {_list} carries a body over the limit.");
            if (notify.Body.Length == 0) return NotifyVerdict.Ok;
            if (notify.ContentType != "multipart/related")
            {
                var refused = Refuse(415, "Unsupported Media Type", SipErrorIds.UnsupportedNotifyBody,
                    $"A NOTIFY for the list {_list} carries '{notify.ContentType}', not multipart/related with RLMI; the server may not offer resource lists (RFC 4662).");
                refused.Accept = "multipart/related, application/rlmi+xml";
                return refused;
            }
            RlmiList list;
            try
            {
                list = RlmiParser.Parse(notify.Body, notify.Headers.Get("Content-Type") ?? string.Empty);
            }
            catch (DialogInfoException ex)
            {
                return Refuse(400, "Bad Request", SipErrorIds.MalformedDialogInfo, $"The resource list notification for {_list} cannot be read: {ex.Message}");
            }
            lock (_gate)
            {
                if (generation != _generation) { _generation = generation; _version = -1; }
                if (_version >= 0 && list.Version <= _version) return NotifyVerdict.Ok;
                var gap = !list.FullState && (_version < 0 || list.Version != _version + 1);
                _version = gap ? -1 : list.Version;
                if (gap) return NotifyVerdict.OkButGap($"Partial list version {list.Version} after a gap; asking for full state.");
            }
            foreach (var resource in list.Resources)
            {
                if (!SipUri.TryParse(resource.Uri, out var uri) || uri.User == null) continue;
                var line = _lineFor(uri.User);
                if (line == null) continue;
                if (string.Equals(resource.State, "terminated", StringComparison.OrdinalIgnoreCase))
                {
                    line.Health(false, SipErrorIds.SubscriptionTerminated, $"The list {_list} reports extension {line.Extension} terminated ({resource.Reason ?? "no reason"}).");
                    continue;
                }
                line.Health(true, null, $"Extension {line.Extension} is watched through the list {_list}.");
                if (resource.Body != null) line.HandleBody(resource.ContentType, resource.Body, false, generation, receivedUtc, _list);
            }
            return NotifyVerdict.Ok;
        }

        public void Health(bool healthy, string? errorId, string? detail) =>
            _context.Report(new SourceHealth("Sip", _context.ItemFor(_list), healthy, errorId, detail ?? (healthy ? $"Subscribed to the list {_list}." : null), DateTime.UtcNow));

        private NotifyVerdict Refuse(int status, string reason, string errorId, string detail)
        {
            _context.Input.Record(errorId, detail);
            return NotifyVerdict.Refuse(status, reason, errorId, detail);
        }
    }
}
