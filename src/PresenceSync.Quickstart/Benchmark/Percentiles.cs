using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>p50/p95/p99/max of a set of latencies in milliseconds (nearest rank).</summary>
    internal sealed class Percentiles
    {
        private readonly double[] _sorted;

        public Percentiles(IEnumerable<double> values) => _sorted = values.OrderBy(v => v).ToArray();

        public int Count => _sorted.Length;

        public double At(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

        public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

        public override string ToString() => Count == 0 ? "no samples" : $"p50 {At(50),6:N0}  p95 {At(95),6:N0}  p99 {At(99),6:N0}  max {Max,6:N0} ms ({Count:N0} events)";
    }
}
