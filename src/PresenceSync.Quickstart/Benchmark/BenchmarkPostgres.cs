using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// A throw-away PostgreSQL server for --store postgres: initdb in a temp folder, pg_ctl on a free
    /// loopback port (as the postgres user when run as root), a database per scenario, stopped and
    /// deleted at the end. The store tests have their own starter (tests/.../PostgresServer.cs):
    /// the benchmark is a product program and cannot reference the test project, and what it needs
    /// is this much.
    /// </summary>
    internal sealed class BenchmarkPostgres : IDisposable
    {
        private readonly string _bin;
        private readonly string _dir;
        private readonly bool _root = Environment.UserName == "root";
        private readonly string _password = Guid.NewGuid().ToString("N");
        private readonly int _port = LatencyScenario.FreePort();

        private BenchmarkPostgres(string bin, string dir)
        {
            _bin = bin;
            _dir = dir;
        }

        /// <summary>Starts a server; throws with the reason when none can be started.</summary>
        public static BenchmarkPostgres Start()
        {
            var bin = Environment.GetEnvironmentVariable("PRESENCESYNC_TEST_POSTGRES_BIN") is string b && b.Length > 0 ? b
                : Directory.Exists("/usr/lib/postgresql")
                    ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                    : null;
            if (bin == null) throw new InvalidOperationException("No PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql: install the postgresql package, or give --pg-connection.");
            var server = new BenchmarkPostgres(bin, Path.Combine(Path.GetTempPath(), "presencesync-benchpg-" + Guid.NewGuid().ToString("N").Substring(0, 12)));
            Directory.CreateDirectory(server._dir);
            File.WriteAllText(Path.Combine(server._dir, "pw"), server._password);
            if (server._root) server.Run("chown", $"-R postgres:postgres {server._dir}", false);
            var data = Path.Combine(server._dir, "data");
            server.Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile={server._dir}/pw -E UTF8 --locale=C", server._root);
            // Durable as a real server (fsync on): the figures should include PostgreSQL's commit cost.
            server.Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -l {server._dir}/log -w -t 60 -o \"-p {server._port} -k {server._dir} -c listen_addresses=127.0.0.1 -c max_connections=200\" start", server._root);
            return server;
        }

        public string Version => Path.GetFileName(Path.GetDirectoryName(_bin)!);

        /// <summary>A new, empty database; its connection string (loopback, the server's own throw-away password).</summary>
        public string NewDatabase(string name)
        {
            Run(Path.Combine(_bin, "psql"), $"-X -q -h 127.0.0.1 -p {_port} -U postgres -d postgres -c \"CREATE DATABASE {name}\"", false);
            return $"Host=127.0.0.1;Port={_port};Username=postgres;Password={_password};Database={name};Timeout=30";
        }

        private void Run(string file, string arguments, bool asPostgres)
        {
            var info = asPostgres ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
            info.RedirectStandardOutput = info.RedirectStandardError = true;
            info.UseShellExecute = false;
            info.WorkingDirectory = Path.GetTempPath();
            info.Environment["PGPASSWORD"] = _password;
            using var p = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {errors}{output.Result}");
        }

        public void Dispose()
        {
            try { Run(Path.Combine(_bin, "pg_ctl"), $"-D {Path.Combine(_dir, "data")} -m fast -w stop", _root); }
            catch (InvalidOperationException e) { Console.Error.WriteLine("PostgreSQL did not stop: " + e.Message); }
            try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
