using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Graph.Users.Item.Presence.ClearPresence;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using Microsoft.Graph.Users.Item.Presence.SetStatusMessage;
using Microsoft.Graph.Users.Item.Presence.SetUserPreferredPresence;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// The presence calls, through the official SDK. Reads go 650 ids per request (Graph's limit);
    /// writes use the app's client id as session id. Pairs are checked before any request, so a
    /// wrong target costs no budget.
    /// </summary>
    internal sealed class PresenceGraph
    {
        public const int MaxIdsPerRead = 650;
        public static readonly TimeSpan MinSessionExpiry = TimeSpan.FromMinutes(5);
        public static readonly TimeSpan MaxSessionExpiry = TimeSpan.FromHours(4);

        private readonly GraphSession _session;

        public PresenceGraph(GraphSession session) => _session = session;

        public async Task<List<Microsoft.Graph.Models.Presence>> ReadAsync(IReadOnlyList<Guid> userIds, Action<int, int>? progress, CancellationToken ct)
        {
            var result = new List<Microsoft.Graph.Models.Presence>(userIds.Count);
            for (var start = 0; start < userIds.Count; start += MaxIdsPerRead)
            {
                var chunk = userIds.Skip(start).Take(MaxIdsPerRead).Select(id => id.ToString()).ToList();
                var body = new GetPresencesByUserIdPostRequestBody { Ids = chunk };
                var page = await _session.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(body, cancellationToken: ct).ConfigureAwait(false);
                if (page?.Value != null) result.AddRange(page.Value);
                progress?.Invoke(Math.Min(start + MaxIdsPerRead, userIds.Count), userIds.Count);
            }
            return result;
        }

        public Task SetSessionAsync(Guid userId, PresenceState state, TimeSpan expiry, CancellationToken ct) =>
            _session.Client.Users[userId.ToString()].Presence.SetPresence.PostAsync(SetSessionBody(state, expiry), cancellationToken: ct);

        public Task ClearSessionAsync(Guid userId, CancellationToken ct) =>
            _session.Client.Users[userId.ToString()].Presence.ClearPresence.PostAsync(ClearSessionBody(), cancellationToken: ct);

        public Task SetPreferredAsync(Guid userId, PresenceState state, TimeSpan? expiry, CancellationToken ct) =>
            _session.Client.Users[userId.ToString()].Presence.SetUserPreferredPresence.PostAsync(SetPreferredBody(state, expiry), cancellationToken: ct);

        public Task ClearPreferredAsync(Guid userId, CancellationToken ct) =>
            _session.Client.Users[userId.ToString()].Presence.ClearUserPreferredPresence.PostAsync(cancellationToken: ct);

        /// <summary>The same four writes as requests for a $batch, checked the same way before anything is sent.</summary>
        public RequestInformation SetSessionRequest(Guid userId, PresenceState state, TimeSpan expiry) =>
            _session.Client.Users[userId.ToString()].Presence.SetPresence.ToPostRequestInformation(SetSessionBody(state, expiry));

        public RequestInformation ClearSessionRequest(Guid userId) =>
            _session.Client.Users[userId.ToString()].Presence.ClearPresence.ToPostRequestInformation(ClearSessionBody());

        public RequestInformation SetPreferredRequest(Guid userId, PresenceState state, TimeSpan? expiry) =>
            _session.Client.Users[userId.ToString()].Presence.SetUserPreferredPresence.ToPostRequestInformation(SetPreferredBody(state, expiry));

        public RequestInformation ClearPreferredRequest(Guid userId) =>
            _session.Client.Users[userId.ToString()].Presence.ClearUserPreferredPresence.ToPostRequestInformation();

        private SetPresencePostRequestBody SetSessionBody(PresenceState state, TimeSpan expiry)
        {
            CheckSessionExpiry(expiry);
            if (!PresenceVocabulary.IsSessionPair(state)) throw Unsettable(state, "setPresence", PresenceVocabulary.SessionPairs);
            return new SetPresencePostRequestBody
            {
                SessionId = _session.ClientId,
                Availability = Canonical(state).Availability,
                Activity = Canonical(state).Activity,
                ExpirationDuration = expiry,
            };
        }

        private ClearPresencePostRequestBody ClearSessionBody() => new ClearPresencePostRequestBody { SessionId = _session.ClientId };

        private static SetUserPreferredPresencePostRequestBody SetPreferredBody(PresenceState state, TimeSpan? expiry)
        {
            if (!PresenceVocabulary.IsPreferredPair(state)) throw Unsettable(state, "setUserPreferredPresence", PresenceVocabulary.PreferredPairs);
            return new SetUserPreferredPresencePostRequestBody
            {
                Availability = Canonical(state).Availability,
                Activity = Canonical(state).Activity,
                ExpirationDuration = expiry,
            };
        }

        public Task SetStatusMessageAsync(Guid userId, string message, DateTime? expiresUtc, CancellationToken ct) =>
            _session.Client.Users[userId.ToString()].Presence.SetStatusMessage.PostAsync(SetStatusMessageBody(message, expiresUtc), cancellationToken: ct);

        public RequestInformation SetStatusMessageRequest(Guid userId, string message, DateTime? expiresUtc) =>
            _session.Client.Users[userId.ToString()].Presence.SetStatusMessage.ToPostRequestInformation(SetStatusMessageBody(message, expiresUtc));

        private static SetStatusMessagePostRequestBody SetStatusMessageBody(string message, DateTime? expiresUtc) => new SetStatusMessagePostRequestBody
        {
            StatusMessage = new PresenceStatusMessage
            {
                Message = new ItemBody { Content = message, ContentType = BodyType.Text },
                // Graph's dateTime carries no offset: the time zone says what it is.
                ExpiryDateTime = expiresUtc is DateTime e ? new DateTimeTimeZone { DateTime = e.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" } : null,
            },
        };

        /// <summary>Graph's presence in the module's own type: values kept as sent, unknown ones included.</summary>
        public static TeamsPresence ToTeamsPresence(Microsoft.Graph.Models.Presence p, string businessUnit, string? agentId, Guid userId,
            string? userPrincipalName, DateTime readUtc) =>
            new TeamsPresence(businessUnit, agentId, userId, userPrincipalName, p.Availability ?? "PresenceUnknown", p.Activity ?? "PresenceUnknown",
                p.StatusMessage?.Message?.Content, p.OutOfOfficeSettings?.IsOutOfOffice ?? false, p.SequenceNumber, readUtc);

        public static void CheckSessionExpiry(TimeSpan expiry)
        {
            if (expiry < MinSessionExpiry || expiry > MaxSessionExpiry)
                throw EngineContext.Fail(Tenant.TenantErrorIds.InvalidExpiration, ErrorKind.InvalidArgument,
                    $"A presence session lasts between 5 minutes and 4 hours (Graph's PT5M..PT4H), not {expiry}.", expiry);
        }

        private static PresenceState Canonical(PresenceState state) => new PresenceState(
            PresenceVocabulary.Canonical(PresenceVocabulary.Availabilities, state.Availability) ?? state.Availability,
            PresenceVocabulary.Canonical(PresenceVocabulary.Activities, state.Activity) ?? state.Activity);

        private static PresenceSyncException Unsettable(PresenceState state, string api, IEnumerable<PresenceState> allowed) =>
            EngineContext.Fail(Tenant.TenantErrorIds.InvalidPresenceTarget, ErrorKind.InvalidArgument,
                $"{api} does not accept {state}; it accepts {string.Join(", ", allowed)}.", state.ToString());
    }
}
