using System;

namespace PresenceSync.Engine
{
    /// <summary>Carries an <see cref="EngineError"/> when nothing can proceed (a terminating error).</summary>
    public sealed class PresenceSyncException : Exception
    {
        public PresenceSyncException(EngineError error, Exception? inner = null, bool fatal = false)
            : base(error.Message, inner)
        {
            Error = error;
            Fatal = fatal;
        }

        public EngineError Error { get; }

        /// <summary>
        /// True when nothing else in the pipeline can succeed either (the store cannot be opened);
        /// false when only the current item failed and the host should report it and go on.
        /// </summary>
        public bool Fatal { get; }
    }
}
