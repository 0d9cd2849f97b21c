namespace PresenceSync.Engine
{
    /// <summary>
    /// One error as the user will see it: a stable id scripts can test for, a category, a message,
    /// the object that caused it and, where there is one, what to do about it.
    /// </summary>
    public sealed class EngineError
    {
        public EngineError(string errorId, ErrorKind kind, string message, object? target, string? recommendedAction = null)
        {
            ErrorId = errorId;
            Kind = kind;
            Message = message;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public string Message { get; }
        public object? Target { get; }
        public string? RecommendedAction { get; }

        public override string ToString() => $"{ErrorId}: {Message}";
    }
}
