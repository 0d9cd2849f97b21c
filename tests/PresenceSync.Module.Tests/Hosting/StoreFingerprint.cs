using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Management.Automation;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// Reads every row of every table through the module itself, in a fresh session, so a test can
    /// compare the whole store before and after a command without referencing the engine.
    /// </summary>
    public static class StoreFingerprint
    {
        public static string Of(string storePath)
        {
            using var ps = new PowerShellSession(storePath);
            var text = new StringBuilder();
            foreach (var unit in ps.Run("Get-PresenceBusinessUnit").ThrowOnError().Output)
            {
                var name = (string)unit.Properties["Name"].Value;
                text.AppendLine("unit " + Render(unit));
                foreach (var command in new[] { "Get-PresenceAgent", "Get-PresenceTeamsUser", "Get-PresenceUserMapping", "Get-PresenceRule", "Get-PresenceRuleAssignment",
                             "Get-PresenceRoutingPolicy", "Get-PresenceRoutingService", "Get-PresenceRoutingAssignment",
                             "Get-PresenceSyncApp -ErrorAction Ignore" })
                {
                    foreach (var item in ps.Run($"{command} -BusinessUnit '{name}'").ThrowOnError().Output) text.AppendLine(command + " " + Render(item));
                }
            }
            return text.ToString();
        }

        private static string Render(PSObject item) =>
            string.Join("|", item.Properties.Select(p => p.Name + "=" + Value(p.Value)));

        private static string Value(object? value) => value switch
        {
            null => "null",
            string s => s,
            System.Collections.IEnumerable many => "[" + string.Join(",", many.Cast<object>().Select(Value)) + "]",
            _ => value.ToString() ?? "",
        };
    }
}
