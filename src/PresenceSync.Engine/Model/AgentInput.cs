using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>One agent row as it arrives from a CSV, an ACD export or a script, not yet validated.</summary>
    public sealed class AgentInput
    {
        public string? AgentId { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Extension { get; set; }
        /// <summary>Null keeps the stored teams; an empty list clears them.</summary>
        public IList<string>? Teams { get; set; }

        /// <summary>The object the row came from, reported as the error target when it is refused.</summary>
        public object? Source { get; set; }
    }
}
