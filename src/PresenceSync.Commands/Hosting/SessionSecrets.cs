using System;
using System.Collections.Generic;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>In-memory secrets of one runspace; they die with it and are never written anywhere.</summary>
    internal sealed class SessionSecrets : ISessionSecrets
    {
        private readonly Dictionary<string, string> _secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string? Get(string businessUnit)
        {
            lock (_secrets) return _secrets.TryGetValue(businessUnit, out var secret) ? secret : null;
        }

        public void Set(string businessUnit, string secret)
        {
            lock (_secrets) _secrets[businessUnit] = secret;
        }

        public void Remove(string businessUnit)
        {
            lock (_secrets) _secrets.Remove(businessUnit);
        }
    }
}
