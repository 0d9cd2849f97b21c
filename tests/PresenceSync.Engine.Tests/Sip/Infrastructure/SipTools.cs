using System;
using System.IO;
using System.Linq;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// Finds the servers the SIP tests run against. They come from Debian packages (kamailio,
    /// kamailio-presence-modules, sip-tester), which .ci/run installs; when one is missing the test
    /// fails and says what to install, rather than passing without having tested anything.
    /// </summary>
    public static class SipTools
    {
        private const string Install = "Install them with: apt-get install -y kamailio kamailio-presence-modules sip-tester (.ci/run does this on CI).";

        public static string Kamailio => Find("kamailio", "/usr/sbin/kamailio", "/usr/local/sbin/kamailio")
            ?? throw new InvalidOperationException("kamailio is not installed; the SIP tests need it as the PBX-side presence server. " + Install);

        public static string Sipp => Find("sipp", "/usr/bin/sipp", "/usr/local/bin/sipp")
            ?? throw new InvalidOperationException("sipp is not installed; the SIP tests place their calls with it. " + Install);

        /// <summary>Kamailio's module folder, checked to hold the presence modules the tests load.</summary>
        public static string KamailioModules
        {
            get
            {
                var candidates = new[] { "x86_64-linux-gnu", "aarch64-linux-gnu", "arm-linux-gnueabihf" }
                    .Select(arch => $"/usr/lib/{arch}/kamailio/modules")
                    .Concat(new[] { "/usr/lib/kamailio/modules", "/usr/lib64/kamailio/modules", "/usr/local/lib64/kamailio/modules", "/usr/local/lib/kamailio/modules" });
                var folder = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "tm.so")))
                    ?? throw new InvalidOperationException("Kamailio's modules were not found. " + Install);
                foreach (var module in new[] { "presence.so", "presence_dialoginfo.so", "pua.so", "pua_dialoginfo.so", "dialog.so", "db_text.so" })
                    if (!File.Exists(Path.Combine(folder, module)))
                        throw new InvalidOperationException($"Kamailio module {module} is missing from {folder}. " + Install);
                return folder;
            }
        }

        private static string? Find(string name, params string[] known)
        {
            foreach (var path in known) if (File.Exists(path)) return path;
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(dir, name);
                if (dir.Length > 0 && File.Exists(candidate)) return candidate;
            }
            return null;
        }
    }
}
