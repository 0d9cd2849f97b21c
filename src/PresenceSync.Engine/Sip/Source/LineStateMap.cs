using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// Which ACD state each line state becomes: by default Ringing, Dialing, OnCall and Idle, so
    /// rules map them like any other ACD state ('OnCall => Busy/InACall'). An empty name means the
    /// line state sends no event (for example Dialing, if placing a call should not show).
    /// </summary>
    public sealed class LineStateMap
    {
        private readonly Dictionary<LineState, string> _names;

        private LineStateMap(Dictionary<LineState, string> names) => _names = names;

        public static LineStateMap Default { get; } = new LineStateMap(Enum.GetValues(typeof(LineState)).Cast<LineState>().ToDictionary(s => s, s => s.ToString()));

        /// <summary>The ACD state for a line state, or null when it sends no event.</summary>
        public string? StateFor(LineState state) => _names.TryGetValue(state, out var name) && name.Length > 0 ? name : null;

        public IReadOnlyDictionary<LineState, string> Names => _names;

        /// <summary>
        /// The defaults with the admin's changes: keys are line states (Idle, Dialing, Ringing,
        /// OnCall, any case), values ACD state names. Anything else throws <see cref="ArgumentException"/>.
        /// </summary>
        public static LineStateMap From(IDictionary? changes)
        {
            var names = new Dictionary<LineState, string>(Default._names);
            if (changes == null) return new LineStateMap(names);
            foreach (DictionaryEntry entry in changes)
            {
                var key = entry.Key?.ToString()?.Trim() ?? string.Empty;
                if (!Enum.TryParse<LineState>(key, true, out var state) || !Enum.IsDefined(typeof(LineState), state) || key.All(char.IsDigit))
                    throw new ArgumentException($"'{key}' is not a line state; use {string.Join(", ", Enum.GetNames(typeof(LineState)))}.");
                var value = entry.Value?.ToString()?.Trim() ?? string.Empty;
                if (value.Length > 64 || value.Any(char.IsControl))
                    throw new ArgumentException($"'{value}' cannot be an ACD state name (at most 64 printable characters).");
                names[state] = value;
            }
            return new LineStateMap(names);
        }

        public string ToJson() => JsonSerializer.Serialize(_names.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value));

        public static LineStateMap FromJson(string? json)
        {
            if (string.IsNullOrEmpty(json)) return Default;
            var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(json!) ?? new Dictionary<string, string>();
            return From(parsed.ToDictionary(kv => (object)kv.Key, kv => (object)kv.Value) as IDictionary);
        }

        public override string ToString() => string.Join("; ", _names.Select(kv => $"{kv.Key}={(kv.Value.Length > 0 ? kv.Value : "(none)")}"));
    }
}
