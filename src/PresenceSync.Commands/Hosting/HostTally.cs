using System.Threading;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>How many errors and warnings the engine wrote during one cmdlet call: what an unattended run's exit code rests on.</summary>
    internal sealed class HostTally
    {
        private int _errors, _warnings;

        public int Errors => Volatile.Read(ref _errors);
        public int Warnings => Volatile.Read(ref _warnings);

        public void Error() => Interlocked.Increment(ref _errors);
        public void Warning() => Interlocked.Increment(ref _warnings);
    }
}
