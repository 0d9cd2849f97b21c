using System;
using System.IO;
using Xunit;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Each test class gets its own PowerShell session on its own throw-away store.</summary>
    public abstract class ModuleTestBase : IDisposable
    {
        protected ModuleTestBase()
        {
            Ps = new PowerShellSession();
        }

        protected PowerShellSession Ps { get; }

        protected static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

        /// <summary>Imports the sample agents and directory; the rows known to be bad are refused.</summary>
        protected void ImportSamples()
        {
            var result = Ps.Run($"Import-Csv '{TestData("agents.csv")}' | Import-PresenceAgent; Import-Csv '{TestData("directory.csv")}' | Import-PresenceTeamsUser");
            Assert.Null(result.Terminating);
        }

        /// <summary>A fingerprint of everything in the store, to prove -WhatIf changed nothing.</summary>
        protected string StoreSnapshot() => StoreFingerprint.Of(Ps.StorePath);

        public void Dispose()
        {
            Ps.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
