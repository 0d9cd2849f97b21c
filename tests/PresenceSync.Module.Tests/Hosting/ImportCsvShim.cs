using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// A stand-in for Import-Csv, which lives in Microsoft.PowerShell.Commands.Utility: that
    /// assembly is not on this machine's package mirror, and CreateDefault2 only brings the Core
    /// cmdlets. It emits what the real one emits, a PSCustomObject per row with string properties
    /// named by the header, so the module sees exactly the input an admin's pipeline gives it.
    /// </summary>
    [Cmdlet(VerbsData.Import, "Csv")]
    public sealed class ImportCsvShim : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var full = GetUnresolvedProviderPathFromPSPath(Path);
            using var reader = new StreamReader(full);
            var header = ParseLine(reader.ReadLine() ?? string.Empty);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length == 0) continue;
                var cells = ParseLine(line);
                var row = new PSObject();
                for (var i = 0; i < header.Count; i++)
                {
                    row.Properties.Add(new PSNoteProperty(header[i], i < cells.Count ? cells[i] : null));
                }
                WriteObject(row);
            }
        }

        private static List<string> ParseLine(string line)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else cell.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(ch);
            }
            cells.Add(cell.ToString());
            return cells;
        }
    }
}
