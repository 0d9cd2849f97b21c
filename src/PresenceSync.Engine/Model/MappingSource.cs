namespace PresenceSync.Engine.Model
{
    /// <summary>How a mapping came to be. Auto-mapping never touches a manual mapping.</summary>
    public enum MappingSource
    {
        Auto,
        Manual,
    }
}
