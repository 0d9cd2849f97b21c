using System.Collections.Generic;
using System.Threading;
using PresenceSync.Engine;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Engine.Tests
{
    /// <summary>A host that records what the engine tells it; ShouldProcess answers as configured.</summary>
    public sealed class RecordingHost : IHostContext
    {
        public bool Approve { get; set; } = true;
        public List<string> ShouldProcessCalls { get; } = new List<string>();
        public List<object> Objects { get; } = new List<object>();
        public List<EngineError> Errors { get; } = new List<EngineError>();
        public List<string> Warnings { get; } = new List<string>();
        public List<string> Verbose { get; } = new List<string>();
        public List<ProgressInfo> Progress { get; } = new List<ProgressInfo>();
        public CancellationToken Cancellation => CancellationToken.None;

        public bool ShouldProcess(string target, string action)
        {
            ShouldProcessCalls.Add(action + ": " + target);
            return Approve;
        }

        public void WriteObject(object item) => Objects.Add(item);
        public void WriteError(EngineError error) => Errors.Add(error);
        public void WriteWarning(string message) => Warnings.Add(message);
        public void WriteVerbose(string message) => Verbose.Add(message);
        public void WriteProgress(ProgressInfo progress) => Progress.Add(progress);
    }
}
