using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sinks
{
    /// <summary>
    /// A port of the sync: where ACD state changes decided from Teams go (the pipeline, a signed
    /// webhook, ...). A sink is one class. The sync hands it changes from a queue of its own, so a
    /// slow or hung sink never holds up decisions or the other sinks.
    /// </summary>
    public interface IAcdChangeSink
    {
        /// <summary>Short name recorded as the operation in history ("pipeline", "webhook").</summary>
        string Name { get; }

        /// <returns>"OK", or a reason the change was not taken (for example "Undeliverable: HTTP 500").</returns>
        Task<string> DeliverAsync(PresenceAcdChange change, CancellationToken ct);
    }
}
