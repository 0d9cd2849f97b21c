namespace PresenceSync.Engine
{
    /// <summary>
    /// The engine's error categories. The names match System.Management.Automation.ErrorCategory
    /// one to one so the cmdlet layer can map them by name without the engine referencing it.
    /// </summary>
    public enum ErrorKind
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        ResourceBusy,
        ResourceUnavailable,
        PermissionDenied,
        AuthenticationError,
        SecurityError,
        ConnectionError,
        LimitsExceeded,
        OperationStopped,
        OperationTimeout,
        ReadError,
        WriteError,
        NotImplemented,
    }
}
