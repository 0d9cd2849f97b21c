using System.Threading;

namespace PresenceSync.Engine.Sync
{
    /// <summary>What one pass did, counted from parallel agent work.</summary>
    internal sealed class PassCounters
    {
        private int _inSync, _held, _pending, _writes, _acd, _errors;

        public int InSync => _inSync;
        public int Held => _held;
        public int Pending => _pending;
        public int Writes => _writes;
        public int AcdChanges => _acd;
        public int Errors => _errors;
        public string? LastError { get; set; }

        public void Agent(bool inSync, bool held, bool pending)
        {
            if (inSync) Interlocked.Increment(ref _inSync);
            if (held) Interlocked.Increment(ref _held);
            if (pending) Interlocked.Increment(ref _pending);
        }

        public void Write() => Interlocked.Increment(ref _writes);
        public void AcdChange() => Interlocked.Increment(ref _acd);
        public void Error(string message)
        {
            Interlocked.Increment(ref _errors);
            LastError = message;
        }
    }
}
