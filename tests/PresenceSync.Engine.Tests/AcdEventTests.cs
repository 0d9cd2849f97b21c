using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources.Http;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class AcdEventTests
    {
        private static EngineFixture WithRule(InternalCallPolicy internalCalls = InternalCallPolicy.Ignore, string backend = "SQLite")
        {
            var f = new EngineFixture(backend);
            f.Agent("A1", "a1@x.test");
            new RuleService(f.Context).New(null, new RuleChange
            {
                Name = "R",
                Rows = new[] { "Inbound => Busy/InACall", "Available => Clear" }.Select(RuleRowParser.Parse).ToList(),
                InternalCalls = internalCalls,
            });
            new AssignmentService(f.Context).Add(null, "R", AssignmentScope.Default, null, 100, false);
            return f;
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Events_are_checked_recorded_and_refused_with_stable_ids(string backend)
        {
            var intake = new AcdEventIntake(WithRule(backend: backend).Context);
            Assert.Equal("Accepted", intake.Accept(new AcdEvent { AgentId = "a1", State = "inbound" }).Status);
            Assert.Equal(ErrorIds.AgentNotFound, intake.Accept(new AcdEvent { AgentId = "nope", State = "Inbound" }).ErrorId);
            Assert.Equal(ErrorIds.UnknownAcdState, intake.Accept(new AcdEvent { AgentId = "A1", State = "Lunch" }).ErrorId);
            Assert.Equal(ErrorIds.MissingAcdState, intake.Accept(new AcdEvent { AgentId = "A1" }).ErrorId);
            Assert.Equal(ErrorIds.BusinessUnitNotFound, intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound", BusinessUnit = "Elsewhere" }).ErrorId);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Internal_calls_are_ignored_unless_the_rule_applies_them_and_stale_events_are_dropped(string backend)
        {
            Assert.Equal("Ignored", new AcdEventIntake(WithRule(backend: backend).Context).Accept(new AcdEvent { AgentId = "A1", State = "Inbound", CallType = CallType.Internal }).Status);
            Assert.Equal("Accepted", new AcdEventIntake(WithRule(InternalCallPolicy.Apply, backend).Context).Accept(new AcdEvent { AgentId = "A1", State = "Inbound", CallType = CallType.Internal }).Status);

            var intake = new AcdEventIntake(WithRule(backend: backend).Context);
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound", Time = DateTime.UtcNow });
            Assert.Equal("Ignored", intake.Accept(new AcdEvent { AgentId = "A1", State = "Available", Time = DateTime.UtcNow.AddMinutes(-5) }).Status);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void The_endpoint_checks_the_signed_timestamp_and_answers_each_event_of_a_batch(string backend)
        {
            var f = WithRule(backend: backend);
            var handler = new EventRequestHandler(f.Context, "s3cret", TimeSpan.FromMinutes(5), (_, _) => { }, (_, _) => { });
            var target = new IntakeTarget(f.Context);
            var now = DateTime.UtcNow;
            EndpointResponse Post(string json, string? secret = "s3cret", DateTime? at = null, string? signature = null)
            {
                var body = Encoding.UTF8.GetBytes(json);
                var timestamp = HmacSignature.Timestamp(at ?? now);
                var headers = new Dictionary<string, string> { [HmacSignature.TimestampHeader] = timestamp };
                if (secret != null) headers[HmacSignature.Header] = signature ?? HmacSignature.Sign(secret, timestamp, body);
                return handler.Handle(new EndpointRequest("POST", "/events", headers, body, "127.0.0.1", now), target);
            }

            Assert.Equal(202, Post("[{\"agentId\":\"A1\",\"state\":\"Inbound\",\"callType\":\"inbound\"}]").Status);
            Assert.Equal(401, Post("{\"agentId\":\"A1\",\"state\":\"Inbound\"}", "other").Status);
            Assert.Equal(401, Post("{\"agentId\":\"A1\",\"state\":\"Inbound\"}", null).Status);
            Assert.Equal(401, Post("{\"agentId\":\"A1\",\"state\":\"Available\"}", at: now.AddMinutes(-6)).Status); // signed too long ago
            Assert.Equal(400, Post("{\"agentId\":").Status);

            // A request sent again is refused, even though its signature is right.
            var replayed = Encoding.UTF8.GetBytes("{\"agentId\":\"A1\",\"state\":\"Available\"}");
            var stamp = HmacSignature.Timestamp(now);
            var headers = new Dictionary<string, string> { [HmacSignature.TimestampHeader] = stamp, [HmacSignature.Header] = HmacSignature.Sign("s3cret", stamp, replayed) };
            Assert.Equal(202, handler.Handle(new EndpointRequest("POST", "/", headers, replayed, "127.0.0.1", now), target).Status);
            Assert.Equal(409, handler.Handle(new EndpointRequest("POST", "/", headers, replayed, "127.0.0.1", now.AddSeconds(12)), target).Status);

            // One bad event in a batch is refused alone; the good ones are taken.
            var mixed = Post("[{\"agentId\":\"A1\",\"state\":\"Inbound\"},{\"agentId\":\"A1\",\"state\":\"Inbound\",\"callType\":\"99\"}," +
                "{\"agentId\":\"A1\",\"state\":\"Available\",\"time\":\"9999-12-31T00:00:00Z\"},{\"agentId\":\"A1\",\"state\":\"Available\",\"callType\":\"Carrier pigeon\"}]");
            Assert.Equal(202, mixed.Status);
            using var results = JsonDocument.Parse(mixed.Json);
            Assert.Equal(new[] { "Accepted", "Refused", "Refused", "Refused" }, results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToArray());
            Assert.Equal(new[] { null, ErrorIds.MalformedEvent, ErrorIds.EventTimeInFuture, ErrorIds.MalformedEvent },
                results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("errorId").GetString()).ToArray());

            var refused = Post("{\"agentId\":\"Z9\",\"state\":\"Inbound\"}");
            Assert.Equal(422, refused.Status);
            Assert.Contains(ErrorIds.AgentNotFound, refused.Json);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void An_event_the_ACD_sends_twice_with_its_own_id_is_applied_once(string backend)
        {
            var f = WithRule(backend: backend);
            var handler = new EventRequestHandler(f.Context, "s3cret", TimeSpan.FromMinutes(5), (_, _) => { }, (_, _) => { });
            var target = new IntakeTarget(f.Context);
            var now = DateTime.UtcNow;
            var statuses = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                var body = Encoding.UTF8.GetBytes("{\"agentId\":\"A1\",\"state\":\"Inbound\",\"eventId\":\"acd-77\"}");
                var timestamp = HmacSignature.Timestamp(now.AddSeconds(i));
                var headers = new Dictionary<string, string> { [HmacSignature.TimestampHeader] = timestamp, [HmacSignature.Header] = HmacSignature.Sign("s3cret", timestamp, body) };
                using var json = JsonDocument.Parse(handler.Handle(new EndpointRequest("POST", "/", headers, body, "127.0.0.1", now), target).Json);
                statuses.Add(json.RootElement.GetProperty("results")[0].GetProperty("status").GetString()!);
            }
            Assert.Equal(new[] { "Accepted", "Ignored" }, statuses);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Of_two_events_without_a_time_the_later_arrival_wins_even_when_it_is_stored_first(string backend)
        {
            var f = WithRule(backend: backend);
            var intake = new AcdEventIntake(f.Context);
            var first = DateTime.UtcNow;
            Assert.Equal("Accepted", intake.Accept(new AcdEvent { AgentId = "A1", State = "Available", ReceivedUtc = first.AddMilliseconds(5) }).Status);
            Assert.Equal("Ignored", intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound", ReceivedUtc = first }).Status);
            var unit = f.Store.Read((c, tx) => Store.Repositories.BusinessUnitRepository.Require(c, tx, null));
            Assert.Equal("Available", f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!.RuleState);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void An_event_accepted_while_a_pass_runs_is_not_overwritten_by_the_pass(string backend)
        {
            var f = WithRule(backend: backend);
            var intake = new AcdEventIntake(f.Context);
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound" });
            var unit = f.Store.Read((c, tx) => Store.Repositories.BusinessUnitRepository.Require(c, tx, null));
            // The pass reads the row, then an event arrives, then the pass saves what it wrote to Teams.
            var read = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!;
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Available" });
            read.SessionState = new Presence.PresenceState("Busy", "InACall");
            f.Store.Write((c, tx) => { Store.Repositories.AgentSyncRepository.SaveEngineSides(c, tx, unit, new[] { read }); return true; });

            var saved = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!;
            Assert.Equal("Available", saved.RuleState);
            Assert.Equal("Busy/InACall", saved.SessionState!.ToString());

            // And an event never wipes a session the engine holds.
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound" });
            Assert.Equal("Busy/InACall", f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!.SessionState!.ToString());
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void A_pass_that_saves_hundreds_of_agents_at_once_keeps_each_newer_event_and_every_session(string backend)
        {
            // More agents than one statement carries (200): the pass is saved in several statements, one transaction.
            var f = WithRule(backend: backend);
            for (var i = 2; i <= 450; i++) f.Agent("A" + i, $"a{i}@x.test");
            var intake = new AcdEventIntake(f.Context);
            intake.AcceptAll(Enumerable.Range(1, 450).Select(i => new AcdEvent { AgentId = "A" + i, State = "Inbound" }).ToList());
            var unit = f.Store.Read((c, tx) => Store.Repositories.BusinessUnitRepository.Require(c, tx, null));
            var read = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.All(c, tx, unit)).Values.ToList();
            Assert.Equal(450, read.Count);

            // Agent A300 gets an event after the pass read it; the pass then saves every agent's session.
            intake.Accept(new AcdEvent { AgentId = "A300", State = "Available" });
            foreach (var s in read) s.SessionState = new Presence.PresenceState("Busy", "InACall");
            f.Store.Write((c, tx) => { Store.Repositories.AgentSyncRepository.SaveEngineSides(c, tx, unit, read); return true; });

            var saved = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.All(c, tx, unit));
            Assert.All(saved.Values, s => Assert.Equal("Busy/InACall", s.SessionState!.ToString()));
            Assert.Equal("Available", saved["A300"].RuleState);
            Assert.Equal(449, saved.Values.Count(s => s.RuleState == "Inbound"));
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void An_intake_that_is_kept_open_sees_a_rule_changed_after_its_first_event(string backend)
        {
            // The intake of a running sync keeps the unit's rules between events; a changed rule must reach it at once.
            var f = WithRule(backend: backend);
            var intake = new AcdEventIntake(f.Context);
            Assert.Equal("Accepted", intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound" }).Status);
            Assert.Equal(ErrorIds.UnknownAcdState, intake.Accept(new AcdEvent { AgentId = "A1", State = "Lunch" }).ErrorId);
            new RuleService(f.Context).Set(null, new RuleChange
            {
                Name = "R",
                Rows = new[] { "Inbound => Busy/InACall", "Available => Clear", "Lunch => Away/Away" }.Select(RuleRowParser.Parse).ToList(),
            });
            Assert.Equal("Accepted", intake.Accept(new AcdEvent { AgentId = "A1", State = "Lunch" }).Status);
        }
    }
}
