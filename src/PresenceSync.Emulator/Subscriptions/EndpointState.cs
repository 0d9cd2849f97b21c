namespace PresenceSync.Emulator.Subscriptions;

/// <summary>How Graph treats a notification URL: normally, throttled as slow, or dropping its notifications.</summary>
public enum EndpointState
{
    /// <summary>Notifications go out as soon as they are due.</summary>
    Healthy,
    /// <summary>Flagged slow: each notification waits until it is 10 minutes old; failures are retried after 10 minutes.</summary>
    Slow,
    /// <summary>Flagged failing: every notification for the URL is dropped.</summary>
    Dropping,
}
