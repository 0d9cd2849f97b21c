using System;
using System.Management.Automation;
using System.Threading;
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
        private EngineContext? _context;

        /// <summary>The engine context over this runspace's current store, made on first use.</summary>
        protected EngineContext Context
        {
            get
            {
                if (_context == null)
                {
                    var (store, _) = ModuleSession.Current.ResolveStore();
                    _context = new EngineContext(store, new CmdletHostContext(this, _stop.Token));
                }
                return _context;
            }
        }

        protected sealed override void BeginProcessing() => Guard(Begin);

        protected sealed override void ProcessRecord() => Guard(Process);

        protected sealed override void EndProcessing() => Guard(End);

        protected virtual void Begin() { }

        protected virtual void Process() { }

        protected virtual void End() { }

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        private void Guard(Action step)
        {
            try
            {
                step();
            }
            catch (PresenceSyncException ex) when (!ex.Fatal)
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
