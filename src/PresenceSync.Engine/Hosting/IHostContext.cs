using System.Threading;

namespace PresenceSync.Engine.Hosting
{
    /// <summary>
    /// Everything the engine may ask of whoever hosts it. The cmdlet layer implements this over a
    /// PSCmdlet; engine tests implement it with a recording fake. Keeping the surface this small is
    /// what lets the engine run without System.Management.Automation.
    /// </summary>
    public interface IHostContext
    {
        /// <summary>Asks whether a change may be made; false under -WhatIf or when the user declines.</summary>
        bool ShouldProcess(string target, string action);

        void WriteObject(object item);

        /// <summary>A non-terminating error: one item failed, the rest of the pipeline goes on.</summary>
        void WriteError(EngineError error);

        void WriteWarning(string message);

        void WriteVerbose(string message);

        void WriteProgress(ProgressInfo progress);

        /// <summary>Signalled when the user stops the pipeline (Ctrl+C, StopProcessing).</summary>
        CancellationToken Cancellation { get; }
    }
}
