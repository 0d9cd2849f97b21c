using System;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>A message (or part of one) that does not follow RFC 3261's grammar or this client's limits.</summary>
    internal sealed class SipParseException : Exception
    {
        public const string BadStartLine = "bad start line";
        public const string BadHeader = "bad header";
        public const string BadUri = "bad URI";
        public const string TooLarge = "too large";
        public const string BadLength = "bad Content-Length";

        public SipParseException(string kind, string message) : base(message) => Kind = kind;

        public string Kind { get; }
    }
}
