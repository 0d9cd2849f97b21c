using System;
using System.IO;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class StoreTests : ModuleTestBase
    {
        [Fact]
        public void The_session_setting_wins_and_a_folder_means_the_file_inside_it()
        {
            var folder = Path.GetDirectoryName(PowerShellSession.NewStorePath())!;
            var info = Ps.Run($"Set-PresenceSyncStore -Path '{folder}' -PassThru").ThrowOnError();
            Assert.Equal(Path.Combine(folder, "presencesync.db"), info.Property(0, "Path"));
            Assert.Equal("Session", info.Property(0, "Source"));
            Assert.True((int)info.Property(0, "SchemaVersion")! >= 3, "the store is at the latest schema");
            Assert.True(File.Exists(Path.Combine(folder, "presencesync.db")));
        }

        [Fact]
        public void The_environment_variable_is_used_after_a_reset()
        {
            var path = PowerShellSession.NewStorePath();
            var result = Ps.Run($"$env:PRESENCESYNC_STORE = '{path}'; try {{ Set-PresenceSyncStore -Reset; Get-PresenceSyncStore }} finally {{ $env:PRESENCESYNC_STORE = $null }}").ThrowOnError();
            Assert.Equal(path, result.Property(0, "Path"));
            Assert.Equal("Environment", result.Property(0, "Source"));
        }

        [Fact]
        public void Two_runspaces_keep_their_own_store_setting()
        {
            using var other = new PowerShellSession();
            Assert.NotEqual(Ps.Run("(Get-PresenceSyncStore).Path").ThrowOnError().Output[0].ToString(),
                            other.Run("(Get-PresenceSyncStore).Path").ThrowOnError().Output[0].ToString());
        }

        [Fact]
        public void A_store_file_that_is_not_sqlite_stops_the_command_with_a_clear_error()
        {
            var path = PowerShellSession.NewStorePath();
            File.WriteAllText(path, "this is not a database, and it must survive untouched");
            var before = Ps.Run("(Get-PresenceSyncStore).Path").ThrowOnError().Output[0].ToString();
            var result = Ps.Run($"Set-PresenceSyncStore -Path '{path}'");
            Assert.Equal(new[] { "StoreOpenFailed" }, result.ErrorIds);
            Assert.Equal("ResourceUnavailable", result.Errors[0].CategoryInfo.Category.ToString());
            // No silent fallback: until a Set-PresenceSyncStore succeeds, commands say no store is set.
            Assert.Equal(new[] { "StoreNotSet" }, Ps.Run("Get-PresenceSyncStore").ErrorIds);
            Ps.Run($"Set-PresenceSyncStore -Path '{before}'").ThrowOnError();
            Assert.Equal(before, Ps.Run("(Get-PresenceSyncStore).Path").ThrowOnError().Output[0].ToString());
            Assert.Equal("this is not a database, and it must survive untouched", File.ReadAllText(path));
        }
    }
}
