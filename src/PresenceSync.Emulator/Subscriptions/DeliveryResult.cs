namespace PresenceSync.Emulator.Subscriptions;

/// <summary>What one notification POST came to: the status (null without an answer), its duration, and whether it timed out.</summary>
internal sealed record DeliveryResult(int? Status, TimeSpan Elapsed, bool TimedOut)
{
    public bool Succeeded => Status is >= 200 and < 300 && !TimedOut;
}
