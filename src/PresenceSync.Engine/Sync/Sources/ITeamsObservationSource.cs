using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// A port of the sync: one way of learning what Teams shows (polling getPresencesByUserId today;
    /// change notifications fit the same port). It runs until cancelled and hands every observation
    /// to the target; the decider drops stale ones by sequence number, whichever source they came from.
    /// </summary>
    public interface ITeamsObservationSource
    {
        string Name { get; }

        Task RunAsync(ITeamsObservationTarget target, CancellationToken ct);
    }
}
