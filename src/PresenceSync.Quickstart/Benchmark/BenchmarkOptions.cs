using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// The benchmark's options: --agents 1000,5000,20000 (the default), --quick (1,000 only, shorter
    /// phases), --idle-seconds S and --load-seconds S (how long the idle and loaded phases measure),
    /// --no-throughput, --no-routing, --routing-agents N, --store sqlite|postgres|both, --pg-connection CS.
    /// </summary>
    internal sealed class BenchmarkOptions
    {
        public List<int> Agents { get; } = new List<int>();
        public bool Quick { get; private set; }
        public TimeSpan Idle { get; private set; } = TimeSpan.FromSeconds(30);
        public TimeSpan Load { get; private set; } = TimeSpan.FromSeconds(60);
        /// <summary>The throughput phase: each app's budget in the emulator and the sync (per 30 s window), and how long it is measured.</summary>
        public int ThroughputBudget { get; private set; } = 300;
        public TimeSpan ThroughputRun { get; private set; } = TimeSpan.FromSeconds(60);
        public bool SkipThroughput { get; private set; }
        /// <summary>The routing-query phase (issue 10), at the largest agent count unless --routing-agents says otherwise.</summary>
        public int? RoutingAgents { get; private set; }
        public bool SkipRouting { get; private set; }
        /// <summary>--store sqlite|postgres|both; with both, the latency runs go on both backends, SQLite first, and their ratio is printed.</summary>
        public List<string> Backends { get; } = new List<string>();
        public string? PostgresConnection { get; private set; }

        public static BenchmarkOptions Parse(IReadOnlyList<string> args)
        {
            var o = new BenchmarkOptions();
            for (var i = 0; i < args.Count; i++)
            {
                string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--benchmark": break;
                    case "--agents":
                        o.Agents.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => int.Parse(a, CultureInfo.InvariantCulture)));
                        break;
                    case "--quick": o.Quick = true; break;
                    case "--idle-seconds": o.Idle = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--load-seconds": o.Load = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--throughput-budget": o.ThroughputBudget = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--throughput-seconds": o.ThroughputRun = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--no-throughput": o.SkipThroughput = true; break;
                    case "--routing-agents": o.RoutingAgents = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--no-routing": o.SkipRouting = true; break;
                    case "--store":
                        var backend = Next();
                        if (backend != "sqlite" && backend != "postgres" && backend != "both") throw new ArgumentException("--store takes sqlite, postgres or both.");
                        o.Backends.AddRange(backend == "both" ? new[] { "sqlite", "postgres" } : new[] { backend });
                        break;
                    case "--pg-connection": o.PostgresConnection = Next(); break;
                    default: throw new ArgumentException($"Unknown benchmark option '{args[i]}'.");
                }
            }
            if (o.Backends.Count == 0) o.Backends.Add("sqlite");
            if (o.Agents.Count == 0) o.Agents.AddRange(o.Quick ? new[] { 1000 } : new[] { 1000, 5000, 20000 });
            if (o.Quick)
            {
                o.Idle = TimeSpan.FromSeconds(Math.Min(o.Idle.TotalSeconds, 20));
                o.Load = TimeSpan.FromSeconds(Math.Min(o.Load.TotalSeconds, 30));
                o.ThroughputRun = TimeSpan.FromSeconds(Math.Min(o.ThroughputRun.TotalSeconds, 30));
            }
            if (o.Agents.Any(a => a < 10)) throw new ArgumentException("--agents needs at least 10 agents per run.");
            return o;
        }

        /// <summary>The apps a latency run uses: four from 20,000 agents on (the target), one below.</summary>
        public static int AppsFor(int agents) => agents >= 20000 ? 4 : 1;
    }
}
