using System;
using System.Collections.Generic;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>What every extension line of one source shares: the unit, the state map, the known extensions, and where events and records go.</summary>
    internal sealed class LineContext
    {
        private volatile HashSet<string> _known = new HashSet<string>(StringComparer.Ordinal);

        public LineContext(string businessUnit, LineStateMap map, Action<AcdEvent> emit, Action<SourceHealth> report, InputRecorder input)
        {
            BusinessUnit = businessUnit;
            Map = map;
            Emit = emit;
            Report = report;
            Input = input;
        }

        public string BusinessUnit { get; }
        public LineStateMap Map { get; }
        public Action<AcdEvent> Emit { get; }
        public Action<SourceHealth> Report { get; }
        public InputRecorder Input { get; }

        /// <summary>Every extension of the unit's agents (mapped or not): a call between two of them is internal.</summary>
        public HashSet<string> KnownExtensions
        {
            get => _known;
            set => _known = value;
        }

        public string ItemFor(string extension) => BusinessUnit + "/" + extension;
    }
}
