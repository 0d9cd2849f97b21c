using System.Globalization;

namespace PresenceSync.Emulator;

/// <summary>
/// Standalone entry: `dotnet run --project src/PresenceSync.Emulator -- --port 5443 --users 100`.
/// Prints exactly one JSON line (<see cref="EmulatorConnection"/>, every tenant under "tenants") on stdout, then serves until
/// Ctrl+C / SIGTERM or until stdin is closed when --exit-on-stdin-close is given.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try { options = ParseArgs(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        GraphEmulator started;
        try { started = await GraphEmulator.StartAsync(options); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        await using var emulator = started;
        Console.Out.WriteLine(emulator.Connection.ToJsonLine());
        Console.Out.Flush();
        var stop = new TaskCompletionSource();
        // Ctrl+C and SIGTERM both stop the host cleanly (ProcessExit alone does not on Linux).
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        if (args.Contains("--exit-on-stdin-close"))
            _ = Task.Run(() => { while (Console.In.ReadLine() is not null) { } stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }

    public const string Usage =
        "Usage: PresenceSync.Emulator [--port N] [--users N] [--seed FILE] [--domain NAME] [--tenant-id GUID]\n" +
        "  [--client-id GUID] [--client-secret TEXT] [--budget N] [--budget-window SECONDS] [--start-time ISO8601]\n" +
        "  [--frozen-clock] [--token-lifetime-minutes N] [--device-code-interval SECONDS] [--allow-http-notifications]\n" +
        "  [--simulate-rate PER_SECOND] [--simulate-seed N] [--cert-dir DIR] [--delivery-timeout-seconds S]\n" +
        "  [--endpoint-health-min-deliveries N] [--fractional-retry-after] [--tenants N]\n" +
        "  [--tenant domain=NAME[,users=N][,seed=FILE][,tenant-id=GUID][,client-id=GUID][,client-secret=TEXT][,budget=N]]...\n" +
        "  [--exit-on-stdin-close]";

    public static EmulatorOptions ParseArgs(string[] args)
    {
        var o = new EmulatorOptions();
        var uniformTenants = 1;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--port": o.Port = NextInt(); break;
                case "--users": o.UserCount = NextInt(); break;
                case "--seed": o.SeedFile = Next(); break;
                case "--domain": o.DomainName = Next(); break;
                case "--tenant-id": o.TenantId = Next(); break;
                case "--client-id": o.ClientId = Next(); break;
                case "--client-secret": o.ClientSecret = Next(); break;
                case "--budget": o.PresenceBudgetPerWindow = NextInt(); break;
                case "--budget-window": o.BudgetWindow = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--start-time": o.StartTime = DateTimeOffset.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--frozen-clock": o.ClockRunsInRealTime = false; break;
                case "--token-lifetime-minutes": o.TokenLifetime = TimeSpan.FromMinutes(NextInt()); break;
                case "--device-code-interval": o.DeviceCodeIntervalSeconds = NextInt(); break;
                case "--allow-http-notifications": o.AllowHttpNotificationUrl = true; break;
                case "--simulate-rate": o.SimulationRate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--simulate-seed": o.SimulationSeed = NextInt(); break;
                case "--cert-dir": o.CertificateDirectory = Next(); break;
                case "--delivery-timeout-seconds": o.DeliveryTimeout = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--endpoint-health-min-deliveries": o.EndpointHealthMinimumDeliveries = NextInt(); break;
                case "--fractional-retry-after": o.FractionalRetryAfter = true; break;
                case "--tenants": uniformTenants = NextInt(); break;
                case "--tenant": o.AdditionalTenants.Add(ParseTenant(Next())); break;
                case "--exit-on-stdin-close": break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (uniformTenants < 1) throw new ArgumentException("--tenants needs at least 1.");
        // --tenants N: N tenants in all, the further ones tenant2.test ... with the same number of users.
        for (var n = 2 + o.AdditionalTenants.Count; n <= uniformTenants; n++)
            o.AdditionalTenants.Add(new TenantOptions { DomainName = $"tenant{n}.test", UserCount = o.UserCount });
        return o;
    }

    /// <summary>--tenant domain=fabrikam.test,users=100,tenant-id=GUID,client-id=GUID,client-secret=TEXT,seed=FILE,budget=N</summary>
    public static TenantOptions ParseTenant(string spec)
    {
        var t = new TenantOptions { UserCount = 25 };
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--tenant: '{part}' is not key=value.");
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            switch (key)
            {
                case "domain": t.DomainName = value; break;
                case "users": t.UserCount = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "seed": t.SeedFile = value; break;
                case "tenant-id": t.TenantId = value; break;
                case "client-id": t.ClientId = value; break;
                case "client-secret": t.ClientSecret = value; break;
                case "budget": t.PresenceBudgetPerWindow = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"--tenant: unknown key '{key}'.");
            }
        }
        if (string.IsNullOrEmpty(t.DomainName)) throw new ArgumentException("--tenant needs domain=NAME.");
        return t;
    }
}
