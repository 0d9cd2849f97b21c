using System.Text;
using System.Text.Json;

namespace PresenceSync.Engine.Routing
{
    /// <summary>The webhook body of a routing change; "kind" tells it from an ACD state change posted to the same webhook.</summary>
    internal static class RoutingChangeJson
    {
        private static readonly JsonSerializerOptions Camel = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        public static byte[] Body(PresenceRoutingChange c) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            Kind = "routing", c.Sequence, c.BusinessUnit, c.Service, c.AgentId, c.Routable, c.Decision, c.PreviousDecision, c.DecidedBy, c.Reason,
            c.TeamsAvailability, c.TeamsActivity, c.AcdState, c.Stale, c.StaleHandling, Time = c.TimeUtc,
        }, Camel));
    }
}
