namespace PresenceSync.Engine.Sip
{
    /// <summary>
    /// Stable error ids of the SIP source, shown in its health records and errors; part of the
    /// public contract like <see cref="ErrorIds"/>: add new ones, never rename.
    /// </summary>
    public static class SipErrorIds
    {
        // configuration
        public const string SourceNotFound = "SipSourceNotFound";
        public const string SourceExists = "SipSourceExists";
        public const string InvalidRegistrar = "InvalidSipRegistrar";
        public const string InvalidStateMap = "InvalidSipStateMap";
        public const string PasswordUnavailable = "SipPasswordUnavailable";
        public const string InvalidSipSetting = "InvalidSipSetting";

        // the transport and the server
        public const string TransportUnavailable = "SipTransportUnavailable";
        public const string ServerUnreachable = "SipServerUnreachable";

        // authentication
        public const string AuthenticationFailed = "SipAuthenticationFailed";
        public const string AuthenticationUnsupported = "SipAuthenticationUnsupported";
        public const string DigestAlgorithmUnsupported = "SipDigestAlgorithmUnsupported";

        // subscriptions, per extension
        public const string SubscriptionRefused = "SipSubscriptionRefused";
        public const string SubscriptionTimeout = "SipSubscriptionTimeout";
        public const string SubscriptionTerminated = "SipSubscriptionTerminated";
        public const string AmbiguousExtension = "SipAmbiguousExtension";

        // bad input from the network
        public const string MalformedMessage = "SipMalformedMessage";
        public const string MessageTooLarge = "SipMessageTooLarge";
        public const string UnsupportedNotifyBody = "SipUnsupportedNotifyBody";
        public const string MalformedDialogInfo = "SipMalformedDialogInfo";
        public const string UnknownSubscription = "SipUnknownSubscription";
        public const string UnexpectedRequest = "SipUnexpectedRequest";

        // handing events to the sync
        public const string EventsNotDelivered = "SipEventsNotDelivered";
    }
}
