using System;
using System.Management.Automation;
using PresenceSync.Engine;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>Turns engine errors into ErrorRecords: stable id, real category, the offending object as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(EngineError error, Exception? exception = null)
        {
            var category = Enum.TryParse<ErrorCategory>(error.Kind.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
            var record = new ErrorRecord(exception ?? new PresenceSyncException(error), error.ErrorId, category, error.Target);
            if (error.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
            }
            return record;
        }
    }
}
