using System.Diagnostics;

namespace PresenceSync.Emulator.Simulation;

/// <summary>
/// Makes Teams users change presence at a given rate (changes per second) for demos and load
/// tests: device states (calls, meetings, presenting, away), manual statuses, out-of-office,
/// signing out. A seeded Random makes a run repeatable (the same seed picks the same sequence).
/// </summary>
public sealed class SimulationDriver
{
    private readonly EmulatorState _s;
    private readonly object _gate = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _changes;
    private List<Guid>? _candidates;
    private long _candidatesVersion = -1;

    internal SimulationDriver(EmulatorState state) => _s = state;

    public bool Running { get { lock (_gate) return _loop is { IsCompleted: false }; } }
    public double Rate { get; private set; }
    public int Seed { get; private set; }
    public long Changes => Interlocked.Read(ref _changes);

    public void Start(double ratePerSecond, int seed)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond));
        lock (_gate)
        {
            if (_loop is { IsCompleted: false }) throw new InvalidOperationException("The simulation is already running.");
            Rate = ratePerSecond;
            Seed = seed;
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _loop = Task.Run(() => RunAsync(ratePerSecond, new Random(seed), token));
        }
    }

    public async Task StopAsync()
    {
        Task? loop;
        lock (_gate) { _stop?.Cancel(); loop = _loop; }
        if (loop is not null) try { await loop; } catch (OperationCanceledException) { }
    }

    /// <summary>Applies N changes at once (no timing), for deterministic tests.</summary>
    public void Step(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++) ChangeOne(random);
    }

    private async Task RunAsync(double rate, Random random, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = (long)(watch.Elapsed.TotalSeconds * rate);
            for (; done < due && !ct.IsCancellationRequested; done++) ChangeOne(random);
            await Task.Delay(20, ct);
        }
    }

    /// <summary>The users a change may pick, re-read only when the directory changed (a 20,000-user copy per change would dominate).</summary>
    private List<Guid> Candidates()
    {
        var version = _s.Directory.CurrentVersion;
        lock (_gate)
        {
            if (_candidates is null || _candidatesVersion != version)
            {
                _candidates = _s.Directory.AllUsers.Where(u => !u.Deleted && u.AccountEnabled).Select(u => u.Id).ToList();
                _candidatesVersion = version;
            }
            return _candidates;
        }
    }

    private void ChangeOne(Random random)
    {
        var users = Candidates();
        if (users.Count == 0) return;
        var user = users[random.Next(users.Count)];
        var device = TeamsClient.Devices[random.Next(TeamsClient.Devices.Length)];
        var roll = random.Next(100);
        if (roll < 60)
        {
            var (a, act) = TeamsClient.DeviceStates[random.Next(TeamsClient.DeviceStates.Length)];
            TeamsClient.SetDevice(_s, user, device, a, act);
        }
        else if (roll < 70) TeamsClient.SignOut(_s, user, device);
        else if (roll < 80)
        {
            var (a, act) = Presence.PresenceRules.PreferredPairs[random.Next(Presence.PresenceRules.PreferredPairs.Length)];
            TeamsClient.SetPreferred(_s, user, a, act, null);
        }
        else if (roll < 90) TeamsClient.ClearPreferred(_s, user);
        else if (roll < 95) TeamsClient.SetOutOfOffice(_s, user, random.Next(2) == 0, "Out of office (simulated)");
        else TeamsClient.SignOut(_s, user, null);
        Interlocked.Increment(ref _changes);
    }
}
