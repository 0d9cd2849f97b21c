using System;
using System.Management.Automation;
using System.Threading;
using PresenceSync.Engine;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// The engine's view of a running cmdlet. Every call must come from the pipeline thread, as
    /// PowerShell requires; the engine is synchronous in this layer.
    /// </summary>
    internal sealed class CmdletHostContext : IHostContext
    {
        private readonly PSCmdlet _cmdlet;
        private readonly PipelineDispatcher _dispatcher;
        private readonly HostTally _tally;

        public CmdletHostContext(PSCmdlet cmdlet, PipelineDispatcher dispatcher, CancellationToken cancellation, HostTally tally)
        {
            _cmdlet = cmdlet;
            _dispatcher = dispatcher;
            Cancellation = cancellation;
            _tally = tally;
        }

        public CancellationToken Cancellation { get; }

        public bool ShouldProcess(string target, string action) => _dispatcher.Invoke(() => _cmdlet.ShouldProcess(target, action));

        public void WriteObject(object item) => _dispatcher.Post(() => _cmdlet.WriteObject(item));

        public void WriteError(EngineError error)
        {
            _tally.Error();
            _dispatcher.Post(() => _cmdlet.WriteError(ErrorRecords.From(error)));
        }

        public void WriteWarning(string message)
        {
            _tally.Warning();
            _dispatcher.Post(() => _cmdlet.WriteWarning(message));
        }

        public void WriteVerbose(string message) => _dispatcher.Post(() => _cmdlet.WriteVerbose(message));

        public void WriteProgress(ProgressInfo progress)
        {
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
            {
                PercentComplete = Math.Max(0, Math.Min(100, progress.PercentComplete)),
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _dispatcher.Post(() => _cmdlet.WriteProgress(record));
        }
    }
}
