namespace PresenceSync.Engine.Model
{
    /// <summary>Which directory field an agent's e-mail matched when a mapping was made.</summary>
    public enum MatchKind
    {
        Manual,
        UserPrincipalName,
        Mail,
        ProxyAddress,
    }
}
