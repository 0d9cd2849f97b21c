using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Sync.Leases;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>The unit lease policy (fair share, hand-over, takeover of lapsed leases) and the budget split, decided from rows alone.</summary>
    public class LeasePlanTests
    {
        private static readonly DateTime Now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private static readonly long[] Units = { 1, 2, 3, 4 };

        private static UnitOwner Lease(long unit, string owner, double ageSeconds = 1) =>
            new UnitOwner(unit, owner, owner == "" ? "" : owner + "-host", 1, Now.AddMinutes(-5), Now.AddSeconds(-ageSeconds));

        private static List<(string, ISet<long>?)> Hosts(params string[] owners) => owners.Select(o => (o, (ISet<long>?)null)).ToList();

        private static (List<long> Take, long? HandOver) Decide(string me, IReadOnlyCollection<UnitOwner> leases, List<(string, ISet<long>?)> hosts, ISet<long>? mayRun = null) =>
            LeasePlan.Decide(me, mayRun, Units, leases, hosts, Now, Timeout, new HashSet<long>());

        [Fact]
        public void A_lone_host_takes_every_free_unit()
        {
            var (take, handOver) = Decide("a", Units.Select(u => Lease(u, "", 60)).ToList(), Hosts("a"));
            Assert.Equal(Units, take);
            Assert.Null(handOver);
        }

        [Fact]
        public void Two_hosts_starting_together_take_half_each_and_leave_the_rest_for_the_other()
        {
            var free = Units.Select(u => Lease(u, "", 0)).ToList();   // just noted as free: the grace has not passed
            Assert.Equal(new long[] { 1, 2 }, Decide("a", free, Hosts("a", "b")).Take);
        }

        [Fact]
        public void A_host_over_its_share_hands_one_unit_over_when_another_holds_less()
        {
            var leases = Units.Select(u => Lease(u, "a")).ToList();
            var (take, handOver) = Decide("a", leases, Hosts("a", "b"));
            Assert.Empty(take);
            Assert.Equal(4, handOver);
            // ... and not to a host that may not run any of its units.
            var restricted = new List<(string, ISet<long>?)> { ("a", null), ("b", new HashSet<long> { 9 }) };
            Assert.Null(Decide("a", leases, restricted).HandOver);
        }

        [Fact]
        public void A_unit_handed_back_goes_to_the_host_with_room_not_back_to_the_one_at_its_share()
        {
            var leases = new List<UnitOwner> { Lease(1, "a"), Lease(2, "a"), Lease(3, "b"), Lease(4, "", 1) };
            Assert.Empty(Decide("a", leases, Hosts("a", "b")).Take);
            Assert.Equal(new long[] { 4 }, Decide("b", leases, Hosts("a", "b")).Take);
        }

        [Fact]
        public void The_units_of_a_dead_host_are_taken_by_a_survivor_beyond_its_share()
        {
            var leases = new List<UnitOwner> { Lease(1, "a"), Lease(2, "a"), Lease(3, "b", 31), Lease(4, "b", 31) };
            Assert.Equal(new long[] { 3, 4 }, Decide("a", leases, Hosts("a")).Take);
            // A lease 29 s old is still the other host's.
            leases = new List<UnitOwner> { Lease(1, "a"), Lease(2, "a"), Lease(3, "b", 29), Lease(4, "b", 29) };
            Assert.Empty(Decide("a", leases, Hosts("a")).Take);
        }

        [Fact]
        public void A_host_limited_by_BusinessUnit_takes_only_its_units()
        {
            var free = Units.Select(u => Lease(u, "", 60)).ToList();
            Assert.Equal(new long[] { 3 }, Decide("a", free, Hosts("a"), new HashSet<long> { 3 }).Take);
        }

        [Theory]
        [InlineData(1500, 1, 1, 1500)]
        [InlineData(1500, 1, 2, 750)]
        [InlineData(1500, 2, 3, 1000)]
        [InlineData(1500, 1, 3, 500)]
        [InlineData(10, 1, 3, 3)]
        [InlineData(1, 1, 3, 1)]
        public void The_budget_is_split_by_units_held_and_never_adds_up_to_more(int budget, int mine, int all, int expected)
        {
            Assert.Equal(expected, BudgetSplit.Share(budget, mine, all));
            if (budget >= all) Assert.True(BudgetSplit.Share(budget, mine, all) + BudgetSplit.Share(budget, all - mine, all) <= budget || mine == all);
        }
    }
}
