using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Emulator;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Sets up one business unit on one emulator tenant through the module, as an admin would:
    /// its app (and further apps by device code), the directory, N agents mapped to the first N
    /// enabled users (ACD team Bench), a rule as the unit default. Returns agent id to Graph user id.
    /// </summary>
    internal static class UnitSetup
    {
        public const string Rule = "'Inbound => Busy/InACall', 'Conference => Busy/InAConferenceCall', 'Available => Clear'";

        public static async Task<Dictionary<string, string>> RunAsync(BenchmarkShell shell, EmulatorControl control, EmulatorConnection tenant,
            string unit, int agents, int apps, int budget)
        {
            var v = new Dictionary<string, object?>
            {
                ["TenantId"] = tenant.TenantId, ["ClientId"] = tenant.ClientId, ["Secret"] = tenant.ClientSecret, ["Unit"] = unit,
                ["Authority"] = tenant.AuthorityHost, ["GraphUrl"] = tenant.GraphBaseUrl, ["Pin"] = tenant.CertificateThumbprint,
                ["Agents"] = agents, ["Budget"] = budget,
            };
            const string endpoint = "-AuthorityHost $Authority -GraphBaseUrl $GraphUrl -ServerCertificateThumbprint $Pin";
            if (unit != "Default") shell.Run("if (-not (Get-PresenceBusinessUnit | Where-Object Name -eq $Unit)) { New-PresenceBusinessUnit $Unit | Out-Null }", v);
            shell.Run("New-PresenceSyncApp -BusinessUnit $Unit -TenantId $TenantId -ClientId $ClientId -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword) " +
                endpoint + " -Force -WarningAction SilentlyContinue | Out-Null", v);
            for (var n = 2; n <= apps; n++)
            {
                var approve = control.ApproveNextDeviceCodeAsync(tenant);
                await Task.Run(() => shell.Run($"New-PresenceSyncApp -BusinessUnit $Unit -TenantId $TenantId -AdminClientId $ClientId -Additional -DisplayName 'Benchmark app {n}' " +
                    endpoint + " -WarningAction SilentlyContinue -InformationAction SilentlyContinue | Out-Null", v));
                await approve;
            }
            shell.Run("Sync-PresenceTeamsUser -BusinessUnit $Unit -WarningAction SilentlyContinue | Out-Null; " +
                "$script:n = 0; Get-PresenceTeamsUser -BusinessUnit $Unit | Where-Object AccountEnabled | Select-Object -First $Agents | " +
                "ForEach-Object { $script:n++; [pscustomobject]@{ AgentId = \"B$($script:n)\"; Email = $_.UserPrincipalName; Team = 'Bench' } } | Import-PresenceAgent -BusinessUnit $Unit | Out-Null; " +
                "Add-PresenceUserMapping -Auto -BusinessUnit $Unit -WarningAction SilentlyContinue | Out-Null; " +
                $"New-PresenceRule -BusinessUnit $Unit -Name Bench -Row {Rule} | Out-Null; Add-PresenceRuleAssignment -BusinessUnit $Unit -Rule Bench -Default | Out-Null", v);
            // Every app gets the budget; setting it is also the change of the unit's apps that spreads the new agents over them.
            shell.Run("Get-PresenceSyncApp -BusinessUnit $Unit | ForEach-Object { Set-PresenceSyncApp -BusinessUnit $Unit -ClientId $_.ClientId -PresenceBudget $Budget }", v);
            var ids = await control.UserIdsAsync(tenant).ConfigureAwait(false);
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in shell.Run("Get-PresenceAgent -BusinessUnit $Unit | ForEach-Object { \"$($_.AgentId)`t$($_.Email)\" }", v))
            {
                var parts = a.ToString().Split('\t');
                if (ids.TryGetValue(parts[1], out var id)) map[parts[0]] = id;
            }
            return map;
        }

        /// <summary>Agents per app, as Get-PresenceSyncApp shows them.</summary>
        public static string Spread(BenchmarkShell shell, string unit) =>
            string.Join(" + ", shell.Run("Get-PresenceSyncApp -BusinessUnit $Unit | ForEach-Object AgentCount", new Dictionary<string, object?> { ["Unit"] = unit }).Select(o => o.ToString()));
    }
}
