using System;
using System.Linq.Expressions;
using System.Reflection;
using System.Threading;

namespace PresenceSync.Engine.Hosting
{
    /// <summary>
    /// SIGTERM (systemd stop, docker stop, kill) handled like Ctrl+C: the sync is asked to stop,
    /// and the signal waits (a bounded while) until it has released its lock, after which the
    /// runtime ends the process as it would anyway (exit code 143). The engine targets
    /// netstandard2.0, so PosixSignalRegistration (.NET 6+) is reached by reflection; where it does
    /// not exist (Windows PowerShell) this does nothing.
    /// </summary>
    public sealed class TerminationSignal : IDisposable
    {
        private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
        private readonly CancellationTokenSource _requested = new CancellationTokenSource();
        private readonly ManualResetEventSlim _stopped = new ManualResetEventSlim(false);
        private readonly IDisposable? _registration;

        private TerminationSignal()
        {
            _registration = Register(OnSignal);
        }

        /// <summary>Listens for SIGTERM until disposed.</summary>
        public static TerminationSignal Listen() => new TerminationSignal();

        /// <summary>Signalled when SIGTERM arrived.</summary>
        public CancellationToken Requested => _requested.Token;

        /// <summary>Whether the platform lets this process handle SIGTERM itself.</summary>
        public bool Supported => _registration != null;

        /// <summary>Says the work that <see cref="Requested"/> stops has finished (its lock released): the process may end.</summary>
        public void Stopped() => _stopped.Set();

        public void Dispose()
        {
            _registration?.Dispose();
            _stopped.Set();
            _requested.Dispose();
        }

        private void OnSignal()
        {
            try { _requested.Cancel(); }
            catch (ObjectDisposedException) { return; }
            _stopped.Wait(Grace);
        }

        private static IDisposable? Register(Action handler)
        {
            try
            {
                var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);
                var signal = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", throwOnError: false);
                var context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", throwOnError: false);
                if (registration == null || signal == null || context == null) return null;
                var create = registration.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, null,
                    new[] { signal, typeof(Action<>).MakeGenericType(context) }, null);
                if (create == null) return null;
                // (PosixSignalContext ctx) => handler(): the context is left as it is, so the default (exit) follows.
                var parameter = Expression.Parameter(context, "ctx");
                var callback = Expression.Lambda(typeof(Action<>).MakeGenericType(context),
                    Expression.Invoke(Expression.Constant(handler), Array.Empty<Expression>()), parameter).Compile();
                return create.Invoke(null, new[] { Enum.Parse(signal, "SIGTERM"), callback }) as IDisposable;
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is PlatformNotSupportedException || ex is ArgumentException || ex is InvalidOperationException)
            {
                return null;
            }
        }
    }
}
