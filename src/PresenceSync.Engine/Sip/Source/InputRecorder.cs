using System;
using System.Collections.Generic;
using System.Globalization;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// Records bad input from the network (malformed messages, refused bodies, NOTIFYs for no
    /// subscription) as health of the item "&lt;unit&gt;/input". Each kind is recorded at most
    /// once per interval; the next record says how many were left out, so a flood of garbage costs
    /// the store nothing and still leaves a clear trace.
    /// </summary>
    internal sealed class InputRecorder
    {
        private readonly string _item;
        private readonly Action<SourceHealth> _report;
        private readonly TimeSpan _interval;
        private readonly Dictionary<string, (DateTime Last, int Skipped)> _seen = new Dictionary<string, (DateTime, int)>(StringComparer.Ordinal);

        public InputRecorder(string businessUnit, Action<SourceHealth> report, TimeSpan interval)
        {
            _item = businessUnit + "/input";
            _report = report;
            _interval = interval;
        }

        public void Record(string errorId, string detail)
        {
            var now = DateTime.UtcNow;
            int skipped;
            lock (_seen)
            {
                if (_seen.TryGetValue(errorId, out var seen) && now - seen.Last < _interval)
                {
                    _seen[errorId] = (seen.Last, seen.Skipped + 1);
                    return;
                }
                skipped = _seen.TryGetValue(errorId, out var before) ? before.Skipped : 0;
                _seen[errorId] = (now, 0);
            }
            var suffix = skipped > 0 ? $" ({skipped.ToString(CultureInfo.InvariantCulture)} more like it since the last record.)" : "";
            _report(new SourceHealth("Sip", _item, false, errorId, detail + suffix, now));
        }
    }
}
