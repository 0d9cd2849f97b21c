namespace PresenceSync.Engine.Model
{
    /// <summary>Whether agent-to-agent calls fire rules (NICE never lets them; here it is a choice).</summary>
    public enum InternalCallPolicy
    {
        Ignore,
        Apply,
    }
}
