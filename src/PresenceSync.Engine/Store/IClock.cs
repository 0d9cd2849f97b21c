using System;

namespace PresenceSync.Engine.Store
{
    /// <summary>Time as the engine sees it; tests and the emulator's virtual clock replace it.</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }
    }
}
