using System.Threading;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>What a unit's engine has done since the sync started, for the status and the -Once summary.</summary>
    internal sealed class UnitCounters
    {
        private int _writes, _failedWrites, _acdChanges, _errors, _acdEvents;

        public int Writes => Volatile.Read(ref _writes);
        public int FailedWrites => Volatile.Read(ref _failedWrites);
        public int AcdChanges => Volatile.Read(ref _acdChanges);
        public int AcdEvents => Volatile.Read(ref _acdEvents);
        public int Errors => Volatile.Read(ref _errors);
        public string? LastError { get; private set; }

        public void Write(bool ok)
        {
            Interlocked.Increment(ref _writes);
            if (!ok) Interlocked.Increment(ref _failedWrites);
        }

        public void AcdChange() => Interlocked.Increment(ref _acdChanges);
        public void AcdEvent() => Interlocked.Increment(ref _acdEvents);

        public void Error(string message)
        {
            Interlocked.Increment(ref _errors);
            LastError = message;
        }
    }
}
