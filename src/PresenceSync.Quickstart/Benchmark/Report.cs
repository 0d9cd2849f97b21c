using System;
using System.Collections.Generic;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>What the benchmark prints, and the figures the closing note checks against the targets.</summary>
    internal sealed class Report
    {
        private readonly Dictionary<(int, string), double> _figures = new Dictionary<(int, string), double>();

        public void Line(string text)
        {
            Console.WriteLine(text);
            Console.Out.Flush();
        }

        public void Figure(int agents, string name, double value) => _figures[(agents, name)] = value;

        public double? Get(int agents, string name) => _figures.TryGetValue((agents, name), out var v) ? v : (double?)null;
    }
}
