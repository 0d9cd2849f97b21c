using System;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// The bytes of request bodies held in memory at once. A body takes its share as it arrives,
    /// so a client that announces a large body and then stalls holds only what it really sent.
    /// </summary>
    internal sealed class ByteBudget
    {
        private readonly long _max;
        private long _used;

        public ByteBudget(long max) => _max = max;

        public long Used => Interlocked.Read(ref _used);

        /// <summary>Waits until the bytes fit; false when <paramref name="ct"/> ends first.</summary>
        public async Task<bool> ReserveAsync(int bytes, CancellationToken ct)
        {
            while (true)
            {
                var used = Interlocked.Read(ref _used);
                if (used + bytes <= _max)
                {
                    if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used) return true;
                    continue;
                }
                try { await Task.Delay(20, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return false; }
            }
        }

        public void Release(long bytes)
        {
            if (bytes > 0) Interlocked.Add(ref _used, -bytes);
        }
    }
}
