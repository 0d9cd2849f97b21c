using System;
using System.Linq;
using System.Text;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Sync;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class AcdEventTests
    {
        private static EngineFixture WithRule(InternalCallPolicy internalCalls = InternalCallPolicy.Ignore)
        {
            var f = new EngineFixture();
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

        [Fact]
        public void Events_are_checked_recorded_and_refused_with_stable_ids()
        {
            var intake = new AcdEventIntake(WithRule().Context);
            Assert.Equal("Accepted", intake.Accept(new AcdEvent { AgentId = "a1", State = "inbound" }).Status);
            Assert.Equal(ErrorIds.AgentNotFound, intake.Accept(new AcdEvent { AgentId = "nope", State = "Inbound" }).ErrorId);
            Assert.Equal(ErrorIds.UnknownAcdState, intake.Accept(new AcdEvent { AgentId = "A1", State = "Lunch" }).ErrorId);
            Assert.Equal(ErrorIds.MissingAcdState, intake.Accept(new AcdEvent { AgentId = "A1" }).ErrorId);
            Assert.Equal(ErrorIds.BusinessUnitNotFound, intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound", BusinessUnit = "Elsewhere" }).ErrorId);
        }

        [Fact]
        public void Internal_calls_are_ignored_unless_the_rule_applies_them_and_stale_events_are_dropped()
        {
            Assert.Equal("Ignored", new AcdEventIntake(WithRule().Context).Accept(new AcdEvent { AgentId = "A1", State = "Inbound", CallType = CallType.Internal }).Status);
            Assert.Equal("Accepted", new AcdEventIntake(WithRule(InternalCallPolicy.Apply).Context).Accept(new AcdEvent { AgentId = "A1", State = "Inbound", CallType = CallType.Internal }).Status);

            var intake = new AcdEventIntake(WithRule().Context);
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound", Time = DateTime.UtcNow });
            Assert.Equal("Ignored", intake.Accept(new AcdEvent { AgentId = "A1", State = "Available", Time = DateTime.UtcNow.AddMinutes(-5) }).Status);
        }

        [Fact]
        public void The_endpoint_checks_the_signature_before_it_reads_the_body()
        {
            var f = WithRule();
            var source = new Sync.Sources.HttpEventSource(f.Context, "http://127.0.0.1:1/", "s3cret");
            var target = new IntakeTarget(f.Context);
            byte[] Body(string json) => Encoding.UTF8.GetBytes(json);
            var ok = Body("[{\"agentId\":\"A1\",\"state\":\"Inbound\",\"callType\":\"inbound\"}]");

            Assert.Equal(202, source.Process(ok, HmacSignature.Sign("s3cret", ok), target).Status);
            Assert.Equal(401, source.Process(ok, HmacSignature.Sign("other", ok), target).Status);
            Assert.Equal(401, source.Process(ok, null, target).Status);
            var bad = Body("{\"agentId\":");
            Assert.Equal(400, source.Process(bad, HmacSignature.Sign("s3cret", bad), target).Status);
            var wrongType = Body("{\"agentId\":\"A1\",\"state\":\"Inbound\",\"callType\":\"Carrier pigeon\"}");
            Assert.Equal(400, source.Process(wrongType, HmacSignature.Sign("s3cret", wrongType), target).Status);
            var refused = Body("{\"agentId\":\"Z9\",\"state\":\"Inbound\"}");
            var (status, json) = source.Process(refused, HmacSignature.Sign("s3cret", refused), target);
            Assert.Equal(422, status);
            Assert.Contains(ErrorIds.AgentNotFound, json);
        }

        [Fact]
        public void An_event_accepted_while_a_pass_runs_is_not_overwritten_by_the_pass()
        {
            var f = WithRule();
            var intake = new AcdEventIntake(f.Context);
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound" });
            var unit = f.Store.Read((c, tx) => Store.Repositories.BusinessUnitRepository.Require(c, tx, null));
            // The pass reads the row, then an event arrives, then the pass saves what it wrote to Teams.
            var read = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!;
            var loadedEvent = read.AcdEventId;
            var loadedTime = read.AcdStateUtc;
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Available" });
            read.SessionState = new Presence.PresenceState("Busy", "InACall");
            f.Store.Write((c, tx) => { Store.Repositories.AgentSyncRepository.SaveEngineSide(c, tx, unit, read, loadedEvent, loadedTime); return true; });

            var saved = f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!;
            Assert.Equal("Available", saved.RuleState);
            Assert.Equal("Busy/InACall", saved.SessionState!.ToString());

            // And an event never wipes a session the engine holds.
            intake.Accept(new AcdEvent { AgentId = "A1", State = "Inbound" });
            Assert.Equal("Busy/InACall", f.Store.Read((c, tx) => Store.Repositories.AgentSyncRepository.Find(c, tx, unit, "A1"))!.SessionState!.ToString());
        }
    }
}
