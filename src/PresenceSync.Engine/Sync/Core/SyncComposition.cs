using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync.Ports;
using PresenceSync.Engine.Sync.Sinks;
using PresenceSync.Engine.Sync.Sources;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Puts one run together from its options: a unit engine per business unit with its apps'
    /// writers and reader, the sinks, and the sources. A new source or sink is one class here and
    /// one parameter of Start-PresenceSync; nothing else in the sync changes.
    /// </summary>
    internal sealed class SyncComposition : IDisposable
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();

        private SyncComposition(EngineContext context, SyncOptions options, List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units, long lastEvent, string recorder)
        {
            var sinks = new List<IAcdChangeSink> { new PipelineSink(context.Host) };
            var flips = new Routing.RoutingFlipFeed(context);
            flips.Add("pipeline", (change, ct) => { context.Host.WriteObject(change); return Task.FromResult("OK"); });
            if (options.AcdWebhookUrl != null)
            {
                var webhook = new WebhookSink(options.AcdWebhookUrl, options.AcdWebhookSecret, options.WebhookAttempts, options.WebhookTimeout);
                _owned.Add(webhook);
                sinks.Add(webhook);
                flips.Add("webhook", (change, ct) => webhook.PostAsync(Routing.RoutingChangeJson.Body(change), ct));
            }
            Sinks = new SinkFanout(context, sinks) { Routing = flips };

            foreach (var (unit, apps) in units)
            {
                UnitEngine? engine = null;
                var writers = new List<WriteScheduler>();
                ITeamsPresenceReader? reader = null;
                foreach (var app in apps)
                {
                    AppSessionSource sessions;
                    try
                    {
                        sessions = new AppSessionSource(context, app, unit.Name, app.PresenceBudget);
                    }
                    catch (PresenceSyncException ex)
                    {
                        // One app that cannot sign in (a secret not given in this session, say) must not stop the others.
                        context.Host.WriteError(ex.Error);
                        continue;
                    }
                    // Reads are shared: the unit's first app that can sign in reads for all of them.
                    reader ??= new GraphPresenceReader(sessions, options.GraphReadTimeout);
                    writers.Add(new WriteScheduler(new GraphPresenceWriter(sessions, options.GraphWriteTimeout), (job, outcome, at) => engine!.Landed(job, outcome, at)));
                }
                if (reader == null) continue;
                var unitApps = new UnitApps(reader, writers);
                engine = new UnitEngine(context, unit, options, unitApps, Sinks, new Routing.UnitRouting(unit.Name, Board, flips));
                Engines.Add(engine);
                Apps[engine] = unitApps;
            }
            Targets = new SyncTargets(context, Engines, recorder);

            if (!options.Once)
            {
                var submitting = new List<string> { "Teams" };
                if (options.Endpoint != null)
                {
                    var http = new HttpEventSource(context, options.Endpoint!, options.EventSecret!,
                        new Routing.RoutingQueries(context, Board, options.EventSecret!, options.Endpoint!.ReplayWindow));
                    AcdSources.Add(http);
                    submitting.Add(http.Name);
                }
                if (options.SipSources)
                {
                    foreach (var sip in Sip.SipSources.Load(context, Engines.Select(e => e.Unit.Name)))
                    {
                        AcdSources.Add(sip);
                        if (!submitting.Contains(sip.Name)) submitting.Add(sip.Name);
                    }
                }
                AcdSources.Add(new StoreIntakeSource(context, lastEvent, submitting, recorder, options.StoreInterval));
                foreach (var engine in Engines)
                    TeamsSources.Add(new PollingTeamsSource(engine.Unit.Name, Apps[engine].Reader, options.PollInterval));
            }
        }

        public List<UnitEngine> Engines { get; } = new List<UnitEngine>();

        /// <summary>The routing decisions of the run, kept current by the unit engines and read by the endpoint's GET queries.</summary>
        public Routing.RoutingBoard Board { get; } = new Routing.RoutingBoard();
        public Dictionary<UnitEngine, UnitApps> Apps { get; } = new Dictionary<UnitEngine, UnitApps>();
        public IEnumerable<WriteScheduler> Writers => Apps.Values.SelectMany(a => a.Writers);
        public SinkFanout Sinks { get; }
        public SyncTargets Targets { get; }
        public List<IAcdEventSource> AcdSources { get; } = new List<IAcdEventSource>();
        public List<ITeamsObservationSource> TeamsSources { get; } = new List<ITeamsObservationSource>();

        /// <param name="recorder">This run's id: events its own sources record carry it, so its store intake knows them already.</param>
        public static SyncComposition Build(EngineContext context, SyncOptions options, List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units, long lastEvent, string recorder) =>
            new SyncComposition(context, options, units, lastEvent, recorder);

        public void Dispose()
        {
            foreach (var owned in _owned) owned.Dispose();
        }
    }
}
