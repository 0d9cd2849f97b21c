using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// The header fields of one message, in the order they came (RFC 3261 section 7.3). Names
    /// compare case-insensitively and compact forms are stored under their full names
    /// (RFC 3261 section 7.3.3, RFC 6665 section 8.2.1 for Event's "o"), so "i:" and "Call-ID:" are one header.
    /// </summary>
    internal sealed class SipHeaders
    {
        private static readonly Dictionary<string, string> Compact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["a"] = "Accept-Contact", ["b"] = "Referred-By", ["c"] = "Content-Type", ["e"] = "Content-Encoding",
            ["f"] = "From", ["i"] = "Call-ID", ["k"] = "Supported", ["l"] = "Content-Length", ["m"] = "Contact",
            ["o"] = "Event", ["r"] = "Refer-To", ["s"] = "Subject", ["t"] = "To", ["u"] = "Allow-Events", ["v"] = "Via",
        };

        private readonly List<KeyValuePair<string, string>> _fields = new List<KeyValuePair<string, string>>();

        public int Count => _fields.Count;

        public IEnumerable<KeyValuePair<string, string>> Fields => _fields;

        public static string Canonical(string name) => Compact.TryGetValue(name, out var full) ? full : name;

        public void Add(string name, string value) => _fields.Add(new KeyValuePair<string, string>(Canonical(name), value));

        /// <summary>Replaces every field of this name with one.</summary>
        public void Set(string name, string value)
        {
            Remove(name);
            Add(name, value);
        }

        public void Remove(string name)
        {
            var canonical = Canonical(name);
            _fields.RemoveAll(f => string.Equals(f.Key, canonical, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The first field of this name, or null.</summary>
        public string? Get(string name)
        {
            var canonical = Canonical(name);
            foreach (var f in _fields)
                if (string.Equals(f.Key, canonical, StringComparison.OrdinalIgnoreCase)) return f.Value;
            return null;
        }

        /// <summary>Every field of this name, in order.</summary>
        public List<string> GetAll(string name)
        {
            var canonical = Canonical(name);
            var result = new List<string>();
            foreach (var f in _fields)
                if (string.Equals(f.Key, canonical, StringComparison.OrdinalIgnoreCase)) result.Add(f.Value);
            return result;
        }

        /// <summary>
        /// Every value of a header that may be a comma-separated list (Via, Route, Record-Route,
        /// Contact): RFC 3261 section 7.3.1 makes "a, b" the same as two fields.
        /// </summary>
        public List<string> GetList(string name)
        {
            var result = new List<string>();
            foreach (var field in GetAll(name)) result.AddRange(HeaderText.SplitList(field));
            return result;
        }
    }
}
