using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// One SIPp process running a scenario from tests/.../Sip/Scenarios against Kamailio: the
    /// extensions' phones (uas.xml), their registration (register.xml) and calls (uac.xml).
    /// </summary>
    public sealed class Sipp : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();

        private Sipp(Process process, string folder)
        {
            _process = process;
            Folder = folder;
        }

        public string Folder { get; }

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString() + ErrorLogs();
            }
        }

        public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sip", "Scenarios", name);

        /// <summary>Writes an injection file (SEQUENTIAL, one line per call or extension, fields separated by ';').</summary>
        public static string InjectionFile(string folder, IEnumerable<string> lines)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, "SEQUENTIAL\n" + string.Join("\n", lines) + "\n");
            return path;
        }

        public static Sipp Start(string scenario, int localPort, string remote, params string[] arguments)
        {
            var folder = Path.Combine(Path.GetTempPath(), "presencesync-sipp", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var args = new List<string> { "-sf", Scenario(scenario), "-i", "127.0.0.1", "-p", localPort.ToString(), "-nostdin", "-trace_err", "-key", "domain", KamailioConfig.Domain };
            args.AddRange(arguments);
            if (remote.Length > 0) args.Add(remote);
            var info = new ProcessStartInfo(SipTools.Sipp)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            var process = new Process { StartInfo = info };
            var sipp = new Sipp(process, folder);
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (sipp._output) if (sipp._output.Length < 200_000) sipp._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (sipp._output) if (sipp._output.Length < 200_000) sipp._output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return sipp;
        }

        /// <summary>Waits for SIPp to finish; its exit code is 0 when every call succeeded.</summary>
        public int Wait(TimeSpan timeout)
        {
            if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                Kill();
                throw new TimeoutException($"SIPp did not finish within {timeout}:\n{Output}");
            }
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public bool Running => !_process.HasExited;

        private string ErrorLogs() =>
            string.Concat(Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*errors*").Select(f => "\n--- " + Path.GetFileName(f) + "\n" + Tail(File.ReadAllText(f))) : Array.Empty<string>());

        private static string Tail(string text) => text.Length > 4000 ? text.Substring(text.Length - 4000) : text;

        private void Kill()
        {
            try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
            try { Directory.Delete(Folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
