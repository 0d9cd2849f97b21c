using System;

namespace PresenceSync.Engine.Store
{
    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();

        public DateTime UtcNow => DateTime.UtcNow;
    }
}
