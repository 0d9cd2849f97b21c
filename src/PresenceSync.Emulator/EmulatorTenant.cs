using PresenceSync.Emulator.Simulation;

namespace PresenceSync.Emulator;

/// <summary>One tenant of a running emulator: its connection (what a client needs), its state and its simulated Teams users.</summary>
public sealed class EmulatorTenant
{
    internal EmulatorTenant(EmulatorState state, EmulatorConnection connection, SimulationDriver simulation)
    {
        State = state;
        Connection = connection;
        Simulation = simulation;
    }

    public Guid TenantId => State.Directory.TenantId;
    public string DomainName => State.Directory.DomainName;
    public EmulatorConnection Connection { get; }
    public EmulatorState State { get; }
    public SimulationDriver Simulation { get; }
}
