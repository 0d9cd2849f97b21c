using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Base of every PresenceSync cmdlet. It turns StopProcessing into a CancellationToken, gives
    /// the engine a host context, and reports engine exceptions the PowerShell way: a failed item
    /// is a non-terminating error and the pipeline goes on; a store that cannot be opened stops it.
    /// </summary>
    public abstract class PresenceSyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private PipelineDispatcher? _dispatcher;
        private EngineContext? _context;

        /// <summary>The errors and warnings the engine wrote during this call.</summary>
        internal HostTally Tally { get; } = new HostTally();

        /// <summary>The engine context over this runspace's current store, made on first use.</summary>
        protected EngineContext Context
        {
            get
            {
                if (_context == null)
                {
                    var session = ModuleSession.Current;
                    var (store, _) = session.ResolveStore();
                    _dispatcher ??= new PipelineDispatcher();
                    _context = new EngineContext(store, new CmdletHostContext(this, _dispatcher, _stop.Token, Tally), secrets: session.SecretsFor(store.Path));
                }
                return _context;
            }
        }

        /// <summary>
        /// Runs asynchronous engine work off the pipeline thread and waits for it here, so the
        /// engine's writes and ShouldProcess questions reach PowerShell on the right thread.
        /// </summary>
        protected void RunAsync(Func<CancellationToken, Task> work)
        {
            var context = Context;
            _dispatcher!.Pump(Task.Run(() => work(_stop.Token)));
        }

        protected sealed override void BeginProcessing()
        {
            _dispatcher = new PipelineDispatcher();
            Guard(Begin);
        }

        protected sealed override void ProcessRecord() => Guard(Process);

        protected sealed override void EndProcessing() => Guard(End);

        protected virtual void Begin() { }

        protected virtual void Process() { }

        protected virtual void End() { }

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose()
        {
            _stop.Dispose();
            _dispatcher?.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>A store that cannot be opened fails every item alike: one terminating error says it once
        /// instead of one error per pipeline item.</summary>
        private static bool StoreUnusable(string errorId) =>
            errorId == ErrorIds.StoreOpenFailed || errorId == ErrorIds.StoreNotSet || errorId == ErrorIds.StoreSchemaTooNew
            || errorId == ErrorIds.StoreMigrationFailed || errorId == ErrorIds.StoreReadOnly;

        private void Guard(Action step)
        {
            try
            {
                step();
            }
            catch (PresenceSyncException ex) when (!ex.Fatal && !StoreUnusable(ex.Error.ErrorId))
            {
                WriteError(ErrorRecords.From(ex.Error, ex));
            }
            catch (PresenceSyncException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error, ex));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The user stopped the pipeline; PowerShell reports that itself.
            }
        }
    }
}
