using System;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Waits for a condition with a deadline: timing-sensitive tests poll, they never sleep a fixed time and hope.</summary>
    public static class Poll
    {
        public static Task Until(Func<bool> condition, TimeSpan timeout, string what) => Until(() => Task.FromResult(condition()), timeout, what);

        public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
                await Task.Delay(100);
            }
        }
    }
}
