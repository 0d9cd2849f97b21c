using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>What every cmdlet owes an admin: help with examples, declared output, a format view, -WhatIf on changes.</summary>
    public class ConventionTests : ModuleTestBase
    {
        private static readonly string[] ChangingVerbs = { "New", "Set", "Remove", "Add", "Import", "Sync", "Start", "Stop", "Register", "Unregister", "Clear", "Update" };

        private List<CmdletInfo> Cmdlets() =>
            Ps.Run("Get-Command -Module PresenceSync -CommandType Cmdlet").ThrowOnError().Output.Select(o => (CmdletInfo)o.BaseObject).ToList();

        [Fact]
        public void The_manifest_passes_Test_ModuleManifest_and_exports_exactly_the_cmdlets_it_lists()
        {
            var manifest = Ps.Run($"Test-ModuleManifest -Path '{ModulePaths.Manifest}'").ThrowOnError().Single<PSModuleInfo>();
            Assert.Contains("Core", manifest.CompatiblePSEditions);
            Assert.Contains("Desktop", manifest.CompatiblePSEditions);
            Assert.Equal(manifest.ExportedCmdlets.Keys.OrderBy(k => k), Cmdlets().Select(c => c.Name).OrderBy(k => k));
        }

        [Fact]
        public void Every_cmdlet_has_help_with_a_synopsis_and_an_example()
        {
            foreach (var cmdlet in Cmdlets())
            {
                var help = Ps.Run($"Get-Help {cmdlet.Name} -Full").ThrowOnError().Output.Single();
                var synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim() ?? "";
                Assert.False(string.IsNullOrEmpty(synopsis) || synopsis.StartsWith(cmdlet.Name, StringComparison.Ordinal), $"{cmdlet.Name} has no synopsis");
                var examples = Ps.Run($"@((Get-Help {cmdlet.Name} -Examples).examples.example).Count").ThrowOnError().Output.Single();
                Assert.True((int)examples.BaseObject >= 1, $"{cmdlet.Name} has no example");
            }
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_and_every_output_type_has_a_format_view()
        {
            var format = XDocument.Load(Path.Combine(ModulePaths.ModuleFolder, "PresenceSync.Format.ps1xml"));
            var viewed = format.Descendants("TypeName").Select(t => t.Value.Trim()).ToHashSet();
            foreach (var cmdlet in Cmdlets())
            {
                Assert.True(cmdlet.OutputType.Count > 0, $"{cmdlet.Name} declares no OutputType");
                foreach (var type in cmdlet.OutputType.Select(t => t.Type).Where(t => t != null && t != typeof(void)))
                {
                    Assert.True(viewed.Contains(type!.FullName!), $"{type.FullName} (output of {cmdlet.Name}) has no format view");
                }
            }
        }

        [Fact]
        public void Every_cmdlet_that_changes_state_supports_WhatIf_and_Confirm()
        {
            foreach (var cmdlet in Cmdlets().Where(c => ChangingVerbs.Contains(c.Verb)))
            {
                Assert.True(cmdlet.Parameters.ContainsKey("WhatIf"), $"{cmdlet.Name} does not support -WhatIf");
                Assert.True(cmdlet.Parameters.ContainsKey("Confirm"), $"{cmdlet.Name} does not support -Confirm");
            }
        }

        [Fact]
        public void WhatIf_on_every_changing_cmdlet_leaves_the_store_unchanged()
        {
            ImportSamples();
            Ps.Run(@"Add-PresenceUserMapping -AgentId A100 -TeamsUser alice@contoso.test
                     New-PresenceRule -Name R -Row 'Inbound => Busy/InACall'
                     Add-PresenceRuleAssignment -Rule R -Default
                     New-PresenceSyncApp -TenantId contoso.test -ClientId 5e0c1a10-0000-4000-8000-000000000001 -SecretFromEnvironment
                     New-PresenceSipSource -Registrar pbx.contoso.test -PasswordFromEnvironment
                     New-PresenceRoutingPolicy -Name RP -Row 'Busy/InACall => DoNotRoute' -Default Route
                     New-PresenceRoutingService -Name RS -Policy RP
                     Add-PresenceRoutingAssignment -Service RS -AgentId A100").ThrowOnError();
            var before = StoreSnapshot();
            var commands = new[]
            {
                "New-PresenceBusinessUnit X -WhatIf", "Remove-PresenceBusinessUnit Default -WhatIf",
                "Import-PresenceAgent -AgentId Z1 -WhatIf", "Remove-PresenceAgent A100 -WhatIf",
                "Import-PresenceTeamsUser -Id 5e0c1a10-0000-4000-8000-000000000009 -UserPrincipalName z@contoso.test -WhatIf",
                "Add-PresenceUserMapping -Auto -WhatIf", "Set-PresenceUserMapping A100 erin@contoso.test -WhatIf", "Remove-PresenceUserMapping A100 -WhatIf",
                "New-PresenceRule -Name S -Row 'Inbound => Away/Away' -WhatIf", "Set-PresenceRule R -Row 'Inbound => Away/Away' -WhatIf", "Remove-PresenceRule R -Force -WhatIf",
                "Add-PresenceRuleAssignment -Rule R -AcdTeam Sales -WhatIf", "Remove-PresenceRuleAssignment -Default -WhatIf",
                "New-PresenceSyncApp -TenantId contoso.test -ClientId 5e0c1a10-0000-4000-8000-000000000002 -SecretFromEnvironment -Force -WhatIf",
                "Set-PresenceSyncApp -PresenceBudget 10 -WhatIf", "Remove-PresenceSyncApp -WhatIf",
                "Set-PresenceAgentState A100 Inbound -WhatIf", "Start-PresenceSync -Once -WhatIf", "Sync-PresenceTeamsUser -WhatIf",
                "Set-PresenceTeamsPresence -AgentId A100 -Availability Busy -Activity InACall -WhatIf", "Stop-PresenceSync -WhatIf",
                "New-PresenceSipSource -Registrar other.contoso.test -Force -WhatIf", "Set-PresenceSipSource -Transport Tcp -StateMap @{ OnCall = 'Inbound' } -WhatIf",
                "Remove-PresenceSipSource -WhatIf",
                "New-PresenceRoutingPolicy -Name RQ -WhatIf", "Set-PresenceRoutingPolicy RP -Default DoNotRoute -WhatIf", "Remove-PresenceRoutingPolicy RP -WhatIf",
                "New-PresenceRoutingService -Name RT -Policy RP -WhatIf", "Set-PresenceRoutingService RS -NewName RU -WhatIf", "Remove-PresenceRoutingService RS -Force -WhatIf",
                "Add-PresenceRoutingAssignment -Service RS -AcdTeam Sales -WhatIf", "Remove-PresenceRoutingAssignment -Service RS -AgentId A100 -WhatIf",
            };
            foreach (var command in commands) Ps.Run(command);
            Assert.Equal(before, StoreSnapshot());
            var changing = Cmdlets().Where(c => ChangingVerbs.Contains(c.Verb) && c.Name != "Set-PresenceSyncStore").Select(c => c.Name);
            Assert.All(changing, name => Assert.Contains(commands, c => c.StartsWith(name + " ", StringComparison.Ordinal)));
        }

        [Fact]
        public void Names_complete_from_the_store()
        {
            ImportSamples();
            Ps.Run("New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall'; New-PresenceBusinessUnit Contoso").ThrowOnError();
            Assert.Equal(new[] { "Inbound" }, Complete("Get-PresenceRule -Name In"));
            Assert.Equal(new[] { "A100", "A101", "A102", "A103", "A104", "A105", "A106", "A107" }, Complete("Get-PresenceAgent -AgentId A"));
            Assert.Equal(new[] { "Contoso" }, Complete("Get-PresenceAgent -BusinessUnit Co"));
            Assert.Equal(new[] { "Sales", "Support" }, Complete("Add-PresenceRuleAssignment -Rule Inbound -AcdTeam S"));
            Assert.Contains("alice@contoso.test", Complete("Add-PresenceUserMapping -AgentId A100 -TeamsUser al"));
        }

        [Fact]
        public void Every_PowerShell_script_in_the_repository_parses()
        {
            var scripts = Directory.GetFiles(ModulePaths.RepoRoot, "*.ps*1", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}")
                            && !f.EndsWith(".ps1xml", StringComparison.OrdinalIgnoreCase))
                .ToList();
            Assert.Contains(scripts, s => s.EndsWith("build.ps1", StringComparison.Ordinal));
            foreach (var script in scripts)
            {
                System.Management.Automation.Language.Parser.ParseFile(script, out _, out var errors);
                Assert.True(errors.Length == 0, $"{script}: {string.Join("; ", errors.Select(e => e.Message))}");
            }
        }

        [Fact]
        public void The_Pester_suite_covers_every_exported_cmdlet()
        {
            var pester = Path.Combine(ModulePaths.RepoRoot, "tests", "Pester");
            var text = string.Join("\n", Directory.GetFiles(pester, "*.Tests.ps1", SearchOption.AllDirectories).Select(File.ReadAllText));
            foreach (var cmdlet in Cmdlets()) Assert.True(text.Contains(cmdlet.Name, StringComparison.OrdinalIgnoreCase), $"{cmdlet.Name} is not in the Pester suite");
        }

        private string[] Complete(string input) =>
            Ps.Run($"(TabExpansion2 -inputScript '{input.Replace("'", "''")}' -cursorColumn {input.Length}).CompletionMatches | ForEach-Object {{ $_.ListItemText }}")
              .ThrowOnError().Output.Select(o => o.ToString()).ToArray();
    }
}
