using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>
    /// Reads application/dialog-info+xml (RFC 4235 section 4) into a <see cref="DialogInfoDocument"/>.
    /// Required parts missing or out of range are errors; elements and attributes this client does
    /// not know are ignored, as the schema's extension points allow (section 4.1). State values are
    /// read case-insensitively: some servers (Kamailio 5) write "Trying".
    /// </summary>
    internal static class DialogInfoParser
    {
        public const string Namespace = "urn:ietf:params:xml:ns:dialog-info";

        /// <summary>Dialogs per document; an extension with more at once is not a phone but an attack.</summary>
        public const int MaxDialogs = 256;

        public static DialogInfoDocument Parse(byte[] body, int maxCharacters = 256 * 1024)
        {
            var root = SafeXml.Load(body, maxCharacters).Root ?? throw new DialogInfoException("The body has no root element.");
            return Parse(root);
        }

        public static DialogInfoDocument Parse(XElement root)
        {
            XNamespace ns = Namespace;
            if (root.Name != ns + "dialog-info")
                throw new DialogInfoException($"The root element is '{root.Name}', not dialog-info in {Namespace}.");
            var document = new DialogInfoDocument
            {
                Version = ReadVersion(root),
                Full = ReadState(root),
                Entity = (string?)root.Attribute("entity"),
            };
            foreach (var element in root.Elements(ns + "dialog"))
            {
                if (document.Dialogs.Count == MaxDialogs) throw new DialogInfoException($"The document lists more than {MaxDialogs} dialogs.");
                document.Dialogs.Add(ReadDialog(element, ns));
            }
            return document;
        }

        private static long ReadVersion(XElement root)
        {
            var text = (string?)root.Attribute("version");
            // section 4.1.1: version is a non-negative integer, required.
            if (text == null || !long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new DialogInfoException("The dialog-info element has no valid version attribute.");
            return version;
        }

        private static bool ReadState(XElement root)
        {
            var state = ((string?)root.Attribute("state"))?.Trim();
            if (string.Equals(state, "full", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(state, "partial", StringComparison.OrdinalIgnoreCase)) return false;
            throw new DialogInfoException($"The dialog-info state is '{state}', not 'full' or 'partial'.");
        }

        private static DialogInfoDialog ReadDialog(XElement element, XNamespace ns)
        {
            var id = ((string?)element.Attribute("id"))?.Trim();
            if (string.IsNullOrEmpty(id)) throw new DialogInfoException("A dialog element has no id.");
            var stateElement = element.Element(ns + "state") ?? throw new DialogInfoException($"Dialog '{Short(id!)}' has no state.");
            var dialog = new DialogInfoDialog
            {
                Id = id!,
                CallId = (string?)element.Attribute("call-id"),
                LocalTag = (string?)element.Attribute("local-tag"),
                RemoteTag = (string?)element.Attribute("remote-tag"),
                Direction = ReadDirection((string?)element.Attribute("direction"), id!),
                State = ReadDialogState(stateElement.Value, id!),
                StateEvent = (string?)stateElement.Attribute("event"),
            };
            var local = element.Element(ns + "local");
            var remote = element.Element(ns + "remote");
            dialog.LocalIdentity = Identity(local, ns);
            dialog.RemoteIdentity = Identity(remote, ns);
            dialog.RemoteDisplay = (string?)remote?.Element(ns + "identity")?.Attribute("display");
            dialog.RemoteTarget = (string?)remote?.Element(ns + "target")?.Attribute("uri");
            return dialog;
        }

        private static string? Identity(XElement? party, XNamespace ns)
        {
            var text = party?.Element(ns + "identity")?.Value.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static DialogDirection ReadDirection(string? value, string id)
        {
            if (value == null) return DialogDirection.Unknown;
            if (string.Equals(value.Trim(), "initiator", StringComparison.OrdinalIgnoreCase)) return DialogDirection.Initiator;
            if (string.Equals(value.Trim(), "recipient", StringComparison.OrdinalIgnoreCase)) return DialogDirection.Recipient;
            throw new DialogInfoException($"Dialog '{Short(id)}' has direction '{Short(value)}', not initiator or recipient.");
        }

        private static DialogState ReadDialogState(string value, string id)
        {
            var v = value.Trim();
            foreach (var state in new[] { DialogState.Trying, DialogState.Proceeding, DialogState.Early, DialogState.Confirmed, DialogState.Terminated })
                if (string.Equals(v, state.ToString(), StringComparison.OrdinalIgnoreCase)) return state;
            throw new DialogInfoException($"Dialog '{Short(id)}' has state '{Short(v)}', not one of trying, proceeding, early, confirmed, terminated.");
        }

        private static string Short(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;
    }
}
