using System.Collections.Generic;

namespace PresenceSync.Engine.Routing
{
    /// <summary>A routing row as the admin wrote it (text, hashtable or CSV row), before validation.</summary>
    public sealed class RoutingRowDefinition
    {
        /// <summary>"Busy/InACall", "Busy/*" or just "Away" (any activity).</summary>
        public string? Teams { get; set; }

        /// <summary>"Route" or "DoNotRoute".</summary>
        public string? Decision { get; set; }
        public IList<string> OnlyWhenAcdState { get; set; } = new List<string>();

        /// <summary>What the admin wrote, for error messages.</summary>
        public string? Text { get; set; }

        public override string ToString() => Text ?? $"{Teams} => {Decision}";
    }
}
