using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Subscriptions;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// One extension's line: its dialogs as the NOTIFYs tell them (RFC 4235), the version of the
    /// last document taken, and the line state last sent. A document older than or equal to the
    /// last (section 4.1.1) is dropped; a partial one after a gap is not applied and full state is
    /// asked for; a body this client cannot read is refused with a record and changes nothing.
    /// </summary>
    internal sealed class ExtensionLine : INotifyBodyHandler
    {
        public const string DialogInfoType = "application/dialog-info+xml";

        private readonly LineContext _context;
        private readonly object _gate = new object();
        private Dictionary<string, DialogInfoDialog> _dialogs = new Dictionary<string, DialogInfoDialog>(StringComparer.Ordinal);
        private int _generation = -1;
        private long _version = -1;
        private (LineState State, CallType Type)? _sent;
        private (bool, string?, string?)? _health;

        public ExtensionLine(string extension, string agentId, LineContext context)
        {
            Extension = extension;
            AgentId = agentId;
            _context = context;
        }

        public string Extension { get; }

        /// <summary>Changes when the agent list says another agent now has this extension.</summary>
        public string AgentId { get; set; }

        public NotifyVerdict Handle(SipRequest notify, int generation, DateTime receivedUtc)
        {
            if (notify.Body.Length == 0 && !notify.BodyTooLarge)
                return Apply(new DialogInfoDocument { Full = true, Version = -1 }, generation, receivedUtc, checkVersion: false);
            return HandleBody(notify.ContentType, notify.Body, notify.BodyTooLarge, generation, receivedUtc, notify.Headers.Get("From"));
        }

        /// <summary>A dialog-info body, from a NOTIFY of its own or from a part of a resource list notification.</summary>
        public NotifyVerdict HandleBody(string? contentType, byte[] body, bool tooLarge, int generation, DateTime receivedUtc, string? sender)
        {
            if (tooLarge)
                return Refuse(413, "Request Entity Too Large", SipErrorIds.MessageTooLarge,
                    $"A NOTIFY for extension {Extension} carries a body over the limit; it was refused (413) and changed nothing.");
            if (contentType != DialogInfoType)
            {
                var refused = Refuse(415, "Unsupported Media Type", SipErrorIds.UnsupportedNotifyBody,
                    $"A NOTIFY for extension {Extension} carries '{contentType ?? "no Content-Type"}', not {DialogInfoType}; it was refused (415) and changed nothing.");
                refused.Accept = DialogInfoType;
                return refused;
            }
            DialogInfoDocument document;
            try
            {
                document = DialogInfoParser.Parse(body);
            }
            catch (DialogInfoException ex)
            {
                return Refuse(400, "Bad Request", SipErrorIds.MalformedDialogInfo, $"The dialog-info for extension {Extension} cannot be read: {ex.Message} It changed nothing.");
            }
            if (document.Entity != null && SipUri.TryParse(document.Entity, out var entity) && entity.User != null && entity.User != Extension)
                return Refuse(400, "Bad Request", SipErrorIds.MalformedDialogInfo,
                    $"A NOTIFY in the subscription of extension {Extension} describes '{Short(document.Entity)}' (from {Short(sender)}); it was refused and changed nothing.");
            return Apply(document, generation, receivedUtc, checkVersion: true);
        }

        private NotifyVerdict Apply(DialogInfoDocument document, int generation, DateTime receivedUtc, bool checkVersion)
        {
            AcdEvent? change = null;
            lock (_gate)
            {
                if (generation != _generation)
                {
                    // A new subscription numbers its documents afresh (RFC 4235 section 4.1.1).
                    _generation = generation;
                    _version = -1;
                }
                if (checkVersion)
                {
                    if (_version >= 0 && document.Version == _version) return NotifyVerdict.Ok; // repeated: already known
                    // Older than the last: dropped. It came late, so the order of what the server sent is in doubt: ask for full state.
                    if (_version >= 0 && document.Version < _version) return NotifyVerdict.OkButGap($"Dialog-info version {document.Version} for extension {Extension} after {_version}; dropped.");
                    if (!document.Full && (_version < 0 || document.Version != _version + 1))
                    {
                        _version = -1;
                        return NotifyVerdict.OkButGap($"Partial dialog-info version {document.Version} for extension {Extension} after a gap; asking for full state.");
                    }
                    _version = document.Version;
                }
                var dialogs = document.Full ? new Dictionary<string, DialogInfoDialog>(StringComparer.Ordinal) : new Dictionary<string, DialogInfoDialog>(_dialogs, StringComparer.Ordinal);
                foreach (var dialog in document.Dialogs) dialogs[dialog.Id] = dialog;
                var (state, type, busiest) = Busiest(dialogs.Values);
                _dialogs = dialogs.Where(d => d.Value.State != DialogState.Terminated).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
                if (_sent != (state, type))
                {
                    _sent = (state, type);
                    var name = _context.Map.StateFor(state);
                    if (name != null) change = Event(name, state, type, busiest, receivedUtc);
                }
            }
            if (change != null) _context.Emit(change);
            return NotifyVerdict.Ok;
        }

        /// <summary>The busiest dialog; at equal state an external call wins over an internal one, so ignoring internal calls never hides a customer.</summary>
        private (LineState, CallType, DialogInfoDialog?) Busiest(IEnumerable<DialogInfoDialog> dialogs)
        {
            var known = _context.KnownExtensions;
            var best = (State: LineState.Idle, Type: CallType.None, Dialog: (DialogInfoDialog?)null);
            foreach (var dialog in dialogs)
            {
                var state = CallClassifier.StateOf(dialog);
                if (state == LineState.Idle) continue;
                var type = CallClassifier.TypeOf(dialog, Extension, known);
                if (state > best.State || (state == best.State && best.Type == CallType.Internal && type != CallType.Internal))
                    best = (state, type, dialog);
            }
            return best;
        }

        private AcdEvent Event(string name, LineState state, CallType type, DialogInfoDialog? dialog, DateTime receivedUtc)
        {
            // The reason names the other party only when it is an extension of the unit: outside numbers stay out of the audit trail.
            var remote = dialog == null ? null : CallClassifier.RemoteExtension(dialog, Extension, _context.KnownExtensions);
            var reason = dialog == null ? $"SIP: extension {Extension} has no call"
                : $"SIP: extension {Extension} dialog {dialog.State.ToString().ToLowerInvariant()}" +
                  (dialog.Direction != DialogDirection.Unknown ? $" ({dialog.Direction.ToString().ToLowerInvariant()})" : "") +
                  (remote != null ? $" with extension {remote}" : "");
            return new AcdEvent
            {
                BusinessUnit = _context.BusinessUnit,
                AgentId = AgentId,
                State = name,
                Reason = reason,
                CallType = type,
                Time = receivedUtc,
                Source = "Sip",
                Raw = $"sip line {Extension}: {state}",
            };
        }

        private NotifyVerdict Refuse(int status, string reason, string errorId, string detail)
        {
            _context.Input.Record(errorId, detail);
            return NotifyVerdict.Refuse(status, reason, errorId, detail);
        }

        public void Health(bool healthy, string? errorId, string? detail)
        {
            lock (_gate)
            {
                // The same good news twice is not news (a list NOTIFY says "active" every time); every failure is reported.
                var record = (healthy, errorId, detail);
                if (healthy && _health == record) return;
                _health = record;
            }
            _context.Report(new SourceHealth("Sip", _context.ItemFor(Extension), healthy, errorId,
                detail ?? (healthy ? $"Subscribed to the dialog state of extension {Extension}." : null), DateTime.UtcNow));
        }

        /// <summary>The line state last sent, for status and tests.</summary>
        public LineState? Current
        {
            get { lock (_gate) return _sent?.State; }
        }

        private static string Short(string? text) => text == null ? "" : text.Length > 80 ? text.Substring(0, 80) + "..." : text;
    }
}
