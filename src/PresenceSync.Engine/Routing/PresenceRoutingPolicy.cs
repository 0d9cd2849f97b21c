using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// When a service may offer an agent a contact: ordered rows on the Teams state, a default for
    /// what no row matches, the ACD states that mean "already in a contact" (never routable), and
    /// what to do when the Teams view is stale.
    /// </summary>
    public sealed class PresenceRoutingPolicy
    {
        public PresenceRoutingPolicy(string businessUnit, string name, string? description, IReadOnlyList<PresenceRoutingRow> rows,
            string @default, IReadOnlyList<string> acdContactStates, TimeSpan? maxTeamsAge, string whenStale,
            IReadOnlyList<PresenceRoutingRow> fallbackRows, DateTime createdUtc, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            Name = name;
            Description = description;
            Rows = rows;
            Default = @default;
            AcdContactStates = acdContactStates;
            MaxTeamsAge = maxTeamsAge;
            WhenStale = whenStale;
            FallbackRows = fallbackRows;
            CreatedUtc = createdUtc;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string Name { get; }
        public string? Description { get; }
        public IReadOnlyList<PresenceRoutingRow> Rows { get; }

        /// <summary>"Route" or "DoNotRoute" for a Teams state no row matches.</summary>
        public string Default { get; }

        /// <summary>ACD state patterns meaning the agent is in an ACD contact: never routable, whatever Teams says.</summary>
        public IReadOnlyList<string> AcdContactStates { get; }

        /// <summary>A Teams state older than this is stale (null: no limit; failing reads still make it stale).</summary>
        public TimeSpan? MaxTeamsAge { get; }

        /// <summary>KeepLast (decide on the last state seen), Fallback (use the fallback rows) or DoNotRoute.</summary>
        public string WhenStale { get; }

        /// <summary>Rows used instead of <see cref="Rows"/> while stale with WhenStale Fallback; anything they do not match is DoNotRoute.</summary>
        public IReadOnlyList<PresenceRoutingRow> FallbackRows { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a policy bind to -Policy down the pipeline.</summary>
        public string Policy => Name;

        public override string ToString() => Name;
    }
}
