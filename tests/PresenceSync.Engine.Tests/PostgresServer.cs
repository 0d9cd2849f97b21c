using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace PresenceSync.Tests.Postgres
{
    /// <summary>
    /// A real PostgreSQL server for the store tests: one throw-away cluster per test process, made
    /// with initdb in a temp folder and started with pg_ctl on a free loopback port (as the postgres
    /// user when the tests run as root), stopped and deleted when the process ends. Each test gets
    /// its own database. PRESENCESYNC_TEST_POSTGRES_BIN may name the folder of
    /// initdb, pg_ctl and psql. Where no server can be had, the tests are skipped and say why.
    /// </summary>
    public static class PostgresServer
    {
        private static readonly Lazy<(string? ConnectionString, string? Unavailable)> Server = new Lazy<(string?, string?)>(Start);
        private static string? _bin;
        private static int _port;
        private static string _password = "";

        /// <summary>Why no server could be started, or null when one runs.</summary>
        public static string? Unavailable => Server.Value.Unavailable;

        /// <summary>The superuser connection string of the server (postgres database).</summary>
        public static string Admin
        {
            get
            {
                Skip.If(Unavailable != null, "PostgreSQL tests skipped: " + Unavailable);
                return Server.Value.ConnectionString!;
            }
        }

        /// <summary>A new, empty database; returns a connection string with the superuser's password.</summary>
        public static string NewDatabase()
        {
            var admin = Admin;
            var name = "ps_" + Guid.NewGuid().ToString("N").Substring(0, 16);
            Exec("postgres", $"CREATE DATABASE {name}");
            return ConnectionString(name);
        }

        /// <summary>A connection string to one database of the server as the superuser (or as another role).</summary>
        public static string ConnectionString(string database, string user = "postgres", string? password = null)
        {
            _ = Admin;
            return $"Host=127.0.0.1;Port={_port};Username={user};Password={password ?? _password};Database={database};Timeout=30;Maximum Pool Size=20";
        }

        /// <summary>Runs SQL as the superuser through psql (so the tests need no client library of their own).</summary>
        public static string Exec(string database, string sql)
        {
            _ = Admin;
            var info = new ProcessStartInfo(Path.Combine(_bin!, "psql"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", _port.ToString(), "-U", "postgres", "-d", database, "-c", sql })
                info.ArgumentList.Add(a);
            info.Environment["PGPASSWORD"] = _password;
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"psql failed ({p.ExitCode}): {stderr}");
            return stdout.Result.Trim();
        }

        private static (string?, string?) Start()
        {
            var bin = FindBin();
            _bin = bin;
            if (bin == null) return (null, "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql; install the postgresql package (.ci/run does).");
            var root = IsRoot();
            SweepStale(bin, root);
            var dir = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, OwnerFile), Environment.ProcessId.ToString());
            var password = Guid.NewGuid().ToString("N");
            File.WriteAllText(Path.Combine(dir, "pw"), password);
            var data = Path.Combine(dir, "data");
            if (root && Run("chown", $"-R postgres:postgres {dir}", false).Code != 0)
                return (null, "cannot give the temp cluster folder to the postgres user (chown failed).");
            var init = Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile={dir}/pw -E UTF8 --locale=C", root);
            if (init.Code != 0) return (null, "initdb failed: " + init.Output);
            var port = FreePort();
            _port = port;
            _password = password;
            var start = Run(Path.Combine(bin, "pg_ctl"),
                $"-D {data} -l {dir}/log -w -t 60 -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400\" start", root);
            if (start.Code != 0) return (null, "pg_ctl start failed: " + start.Output + ReadLog(dir));
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate -W stop", root);
                try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return ($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Timeout=30", null);
        }

        private const string Prefix = "presencesync-pg-";
        private const string OwnerFile = "owner.pid";

        /// <summary>
        /// Stops and deletes the clusters of test processes that are gone (a test host that was killed
        /// or ended before its exit handler ran), so that no server outlives its run for long.
        /// </summary>
        private static void SweepStale(string bin, bool root)
        {
            foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                try
                {
                    var owner = Path.Combine(dir, OwnerFile);
                    var stale = File.Exists(owner)
                        ? !int.TryParse(File.ReadAllText(owner).Trim(), out var pid) || !Alive(pid)
                        : DateTime.UtcNow - Directory.GetCreationTimeUtc(dir) > TimeSpan.FromMinutes(10);
                    if (!stale) continue;
                    if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                        Run(Path.Combine(bin, "pg_ctl"), $"-D {Path.Combine(dir, "data")} -m immediate -w stop", root);
                    Directory.Delete(dir, true);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }

        private static bool Alive(int pid)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static string? FindBin()
        {
            var explicitBin = Environment.GetEnvironmentVariable("PRESENCESYNC_TEST_POSTGRES_BIN");
            if (!string.IsNullOrEmpty(explicitBin)) return explicitBin;
            const string Root = "/usr/lib/postgresql";
            if (!Directory.Exists(Root)) return null;
            return Directory.GetDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault();
        }

        private static bool IsRoot() => Environment.UserName == "root";

        private static (int Code, string Output) Run(string file, string arguments, bool asPostgres)
        {
            var info = asPostgres
                ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
                : new ProcessStartInfo(file, arguments);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.UseShellExecute = false;
            info.WorkingDirectory = Path.GetTempPath();
            try
            {
                using var p = Process.Start(info)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEnd();
                p.WaitForExit();
                return (p.ExitCode, stdout.Result + stderr);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, ex.Message);
            }
        }

        private static string ReadLog(string dir)
        {
            try { return File.ReadAllText(Path.Combine(dir, "log")); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
