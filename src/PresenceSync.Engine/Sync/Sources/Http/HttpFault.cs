using System;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>A request the endpoint refuses before any work: the status to answer, and whether the connection can go on.</summary>
    internal sealed class HttpFault : Exception
    {
        public HttpFault(int status, string code, string message, bool close = true) : base(message)
        {
            Status = status;
            Code = code;
            Close = close;
        }

        public int Status { get; }
        public string Code { get; }
        public bool Close { get; }
    }
}
