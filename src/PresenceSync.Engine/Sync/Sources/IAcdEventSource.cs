using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// A port of the sync: one ACD-side input (the signed HTTP endpoint, the store intake that
    /// Set-PresenceAgentState feeds, a SIP PBX). A source is one class: it runs until the token is
    /// cancelled, hands every event it receives to the target, and reports its own health there.
    /// A source that fails is restarted by the sync's supervisor; it never stops the other sources.
    /// </summary>
    public interface IAcdEventSource
    {
        /// <summary>Short name shown in status and history ("Http", "Store", "Sip").</summary>
        string Name { get; }

        Task RunAsync(IAcdEventTarget target, CancellationToken ct);
    }
}
