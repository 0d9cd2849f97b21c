using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

public class SmallBudgetFixture : EmulatorFixture
{
    protected override EmulatorOptions Options()
    {
        var o = base.Options();
        o.PresenceBudgetPerWindow = 10;
        o.BudgetWindow = TimeSpan.FromSeconds(30);
        return o;
    }
}
