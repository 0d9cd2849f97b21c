using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// Start-PresenceSync running in a second session on the same store, in the background, until
    /// stopped as Ctrl+C would. Its streams are read by index while it runs (enumerating them would
    /// wait for the pipeline to end).
    /// </summary>
    public sealed class BackgroundSync : IDisposable
    {
        private readonly PowerShellSession _session;

        private BackgroundSync(PowerShellSession session, PowerShell pipeline)
        {
            _session = session;
            Pipeline = pipeline;
        }

        public PowerShell Pipeline { get; }

        public bool Running => Pipeline.InvocationStateInfo.State == PSInvocationState.Running;

        /// <summary>Starts the sync and returns once it has done its first reconcile (or throws if it ended first).</summary>
        public static async System.Threading.Tasks.Task<BackgroundSync> StartAsync(PowerShellSession foreground, IDictionary<string, object?> variables, string options,
            TimeSpan? firstPass = null)
        {
            var session = new PowerShellSession(foreground.StorePath);
            // A new session has no session secret: it is given again, as an admin would.
            session.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", variables).ThrowOnError();
            var sync = new BackgroundSync(session, session.Begin("Start-PresenceSync " + options, variables));
            try
            {
                await Poll.Until(() => foreground.Run("(Get-PresenceSyncStatus).LastPassUtc").Output.Any(o => o?.BaseObject != null) || !sync.Running,
                    firstPass ?? TimeSpan.FromSeconds(90), "the background sync to finish its first reconcile");
                if (!sync.Running)
                    throw new InvalidOperationException("The background sync ended early: " + string.Join(" | ", sync.Errors.Select(e => e.ToString())));
                return sync;
            }
            catch
            {
                sync.Dispose();
                throw;
            }
        }

        public List<ErrorRecord> Errors => Enumerable.Range(0, Pipeline.Streams.Error.Count).Select(i => Pipeline.Streams.Error[i]).ToList();

        public List<string> Warnings => Enumerable.Range(0, Pipeline.Streams.Warning.Count).Select(i => Pipeline.Streams.Warning[i].Message).ToList();

        public List<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();

        /// <summary>Everything the run said so far, for messages of failed assertions.</summary>
        public string Said => string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e) .Concat(Warnings.Select(w => "WARNING: " + w)));

        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (Running) Pipeline.Stop();
            Pipeline.Dispose();
            _session.Dispose();
        }
    }
}
