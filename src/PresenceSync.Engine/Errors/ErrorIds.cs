namespace PresenceSync.Engine
{
    /// <summary>
    /// Stable error ids. Scripts match on these (FullyQualifiedErrorId starts with them), so they
    /// are part of the public contract: add new ones, never rename.
    /// </summary>
    public static class ErrorIds
    {
        // store
        public const string StoreOpenFailed = "StoreOpenFailed";
        public const string StoreSchemaTooNew = "StoreSchemaTooNew";
        public const string StoreMigrationFailed = "StoreMigrationFailed";
        public const string StoreWriteFailed = "StoreWriteFailed";
        public const string StoreReadOnly = "StoreReadOnly";
        public const string StoreDiskFull = "StoreDiskFull";
        public const string StoreFileLost = "StoreFileLost";
        public const string StoreKeyCollision = "StoreKeyCollision";
        public const string StoreNotSet = "StoreNotSet";

        // business units
        public const string BusinessUnitNotFound = "BusinessUnitNotFound";
        public const string BusinessUnitExists = "BusinessUnitExists";
        public const string BusinessUnitNotEmpty = "BusinessUnitNotEmpty";
        public const string DefaultBusinessUnitProtected = "DefaultBusinessUnitProtected";
        public const string InvalidBusinessUnitName = "InvalidBusinessUnitName";

        // agents
        public const string MissingAgentId = "MissingAgentId";
        public const string DuplicateAgentId = "DuplicateAgentId";
        public const string InvalidAgentEmail = "InvalidAgentEmail";
        public const string InvalidAgentId = "InvalidAgentId";
        public const string InvalidKey = "InvalidKey";
        public const string EventTimeInFuture = "EventTimeInFuture";
        public const string ReplayedEventRequest = "ReplayedEventRequest";
        public const string InvalidWildcardPattern = "InvalidWildcardPattern";
        public const string AgentNotFound = "AgentNotFound";

        // Teams directory
        public const string MissingTeamsUserId = "MissingTeamsUserId";
        public const string InvalidTeamsUserId = "InvalidTeamsUserId";
        public const string DuplicateTeamsUserId = "DuplicateTeamsUserId";
        public const string MissingUserPrincipalName = "MissingUserPrincipalName";
        public const string TeamsUserNotFound = "TeamsUserNotFound";
        public const string AmbiguousTeamsUserReference = "AmbiguousTeamsUserReference";

        // mapping
        public const string AmbiguousTeamsUserMatch = "AmbiguousTeamsUserMatch";
        public const string AmbiguousAgentMatch = "AmbiguousAgentMatch";
        public const string TeamsUserAlreadyMapped = "TeamsUserAlreadyMapped";
        public const string AgentAlreadyMapped = "AgentAlreadyMapped";
        public const string MappingNotFound = "MappingNotFound";

        // rules
        public const string InvalidRuleName = "InvalidRuleName";
        public const string RuleExists = "RuleExists";
        public const string RuleNotFound = "RuleNotFound";
        public const string RuleHasNoRows = "RuleHasNoRows";
        public const string InvalidRuleRow = "InvalidRuleRow";
        public const string InvalidStatusMessage = "InvalidStatusMessage";
        public const string UnknownTeamsState = "UnknownTeamsState";
        public const string UnsettableTeamsTarget = "UnsettableTeamsTarget";
        public const string ConflictingRuleRows = "ConflictingRuleRows";
        public const string OscillatingRule = "OscillatingRule";
        public const string RuleInUse = "RuleInUse";
        public const string InvalidOverrideDuration = "InvalidOverrideDuration";

        // ACD events
        public const string MissingAcdState = "MissingAcdState";
        public const string UnknownAcdState = "UnknownAcdState";
        public const string InvalidEventSignature = "InvalidEventSignature";
        public const string MalformedEvent = "MalformedEvent";

        // the sync
        public const string SyncAlreadyRunning = "SyncAlreadyRunning";
        public const string SyncNotRunning = "SyncNotRunning";
        /// <summary>-Once on a shared store: another live host holds the unit's lease; the other units proceed.</summary>
        public const string SyncUnitOwnedByAnotherHost = "SyncUnitOwnedByAnotherHost";
        public const string InvalidSyncInterval = "InvalidSyncInterval";
        public const string NoSyncApp = "NoSyncApp";
        public const string EndpointUnavailable = "EventEndpointUnavailable";
        public const string SourceFailed = "SyncSourceFailed";
        /// <summary>-Once: a business unit could not sync at all (no Teams read and no write got through).</summary>
        public const string SyncUnitFailed = "SyncUnitFailed";
        /// <summary>One agent's write to Teams failed (after the retries its kind allows); the other agents go on.</summary>
        public const string TeamsWriteFailed = "TeamsWriteFailed";

        // assignments
        public const string AssignmentExists = "AssignmentExists";
        public const string AssignmentNotFound = "AssignmentNotFound";
        public const string MissingAssignmentSubject = "MissingAssignmentSubject";
    }
}
