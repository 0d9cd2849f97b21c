using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class SmokeTests
    {
        [Fact]
        public void Module_imports_and_lists_the_default_business_unit()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-PresenceBusinessUnit").ThrowOnError();
            Assert.Equal("Default", result.Property(0, "Name"));
        }
    }
}
