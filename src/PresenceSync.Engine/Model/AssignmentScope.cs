namespace PresenceSync.Engine.Model
{
    /// <summary>Who a rule is assigned to. Agent beats Team beats Default.</summary>
    public enum AssignmentScope
    {
        Agent,
        Team,
        Default,
    }
}
