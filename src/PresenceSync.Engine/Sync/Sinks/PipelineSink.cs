using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Engine.Sync.Sinks
{
    /// <summary>
    /// Writes each change to the pipeline, so "Start-PresenceSync | ForEach-Object { ... }" can drive
    /// any ACD's API. The host queues the object for the pipeline thread; this never blocks.
    /// </summary>
    internal sealed class PipelineSink : IAcdChangeSink
    {
        private readonly IHostContext _host;

        public PipelineSink(IHostContext host) => _host = host;

        public string Name => "pipeline";

        public Task<string> DeliverAsync(PresenceAcdChange change, CancellationToken ct)
        {
            _host.WriteObject(change);
            return Task.FromResult("OK");
        }
    }
}
