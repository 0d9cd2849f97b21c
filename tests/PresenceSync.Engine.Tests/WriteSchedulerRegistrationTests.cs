using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Core;
using PresenceSync.Engine.Sync.Ports;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>
    /// Issue 8's PresenceWriteBatcher left one ct.Register callback per write on the run-long token.
    /// Its successor, the per-app WriteScheduler, is run here for thousands of writes (with 429s, so
    /// its pause path runs too): the run token and the scheduler's own abort token hold no more
    /// callbacks afterwards than before.
    /// </summary>
    public class WriteSchedulerRegistrationTests
    {
        [Fact]
        public void The_registration_counter_sees_registrations_and_their_disposal()
        {
            using var cts = new CancellationTokenSource();
            var before = Registrations(cts);
            var r = Enumerable.Range(0, 3).Select(_ => cts.Token.Register(() => { })).ToList();
            Assert.Equal(before + 3, Registrations(cts));
            r.ForEach(x => x.Dispose());
            Assert.Equal(before, Registrations(cts));
        }

        [Fact]
        public async Task Thousands_of_writes_leave_no_callback_on_the_run_token()
        {
            const int writes = 5000;
            var writer = new CountingWriter();
            var done = 0;
            var scheduler = new WriteScheduler(writer, (job, outcome, at) => Interlocked.Increment(ref done));
            using var run = new CancellationTokenSource();
            var abort = (CancellationTokenSource)typeof(WriteScheduler).GetField("_abort", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(scheduler)!;
            var running = scheduler.RunAsync(run.Token);
            await Task.Delay(50);
            var idleRun = Registrations(run);
            var idleAbort = Registrations(abort);

            for (var i = 0; i < writes; i++) scheduler.Enqueue(Job(i));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref done) < writes && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.Equal(writes, Volatile.Read(ref done));
            Assert.True(writer.Throttled > 0, "the pause path after a 429 ran");
            await Task.Delay(50);

            // The scheduler waiting for its next job may hold one registration, as it did when idle; never one per write.
            Assert.InRange(Registrations(run), 0, idleRun + 1);
            Assert.InRange(Registrations(abort), 0, idleAbort);
            run.Cancel();
            await running;
        }

        private static WriteJob Job(int i)
        {
            var slot = new AgentSlot("A" + i, new AgentSyncState { AgentId = "A" + i }) { TeamsUserId = Guid.NewGuid() };
            var action = new SyncAction(SyncActionKind.SetSession, "test") { State = new PresenceState("Busy", "InACall"), Expiry = TimeSpan.FromMinutes(5) };
            return new WriteJob(slot, new[] { action }, WritePriority.Change, null, DateTime.UtcNow);
        }

        /// <summary>Callbacks registered on the source now (its internal list, walked by reflection; checked by the first test).</summary>
        private static int Registrations(CancellationTokenSource source)
        {
            var registrations = typeof(CancellationTokenSource).GetField("_registrations", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(source);
            if (registrations == null) return 0;
            var node = registrations.GetType().GetField("Callbacks", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(registrations);
            var count = 0;
            while (node != null)
            {
                count++;
                node = node.GetType().GetField("Next", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(node);
            }
            return count;
        }

        /// <summary>Answers every write 200, except every 50th call, whose items are throttled for a millisecond.</summary>
        private sealed class CountingWriter : ITeamsPresenceWriter
        {
            private int _calls;
            public int Throttled;
            public string ClientId => "counting";
            public PresenceBudget Budget { get; } = new PresenceBudget(1_000_000);
            public GraphStatistics Statistics { get; } = new GraphStatistics();
            public int MaxWritesPerCall => 20;

            public async Task<IReadOnlyList<TeamsWriteOutcome>> SendAsync(IReadOnlyList<TeamsWrite> writes, CancellationToken ct)
            {
                await Task.Yield();
                if (Interlocked.Increment(ref _calls) % 50 == 0)
                {
                    Interlocked.Increment(ref Throttled);
                    return writes.Select(_ => new TeamsWriteOutcome(429, TimeSpan.FromMilliseconds(1), "Throttled")).ToList();
                }
                return writes.Select(_ => new TeamsWriteOutcome(200, null, null)).ToList();
            }
        }
    }
}
