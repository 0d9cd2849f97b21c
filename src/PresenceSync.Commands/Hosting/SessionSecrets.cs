using System;
using System.Collections.Generic;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// In-memory secrets of one runspace for one store; they die with the runspace and are never
    /// written anywhere. Keyed by store too, so a unit named alike in another store never gets them.
    /// </summary>
    internal sealed class SessionSecrets : ISessionSecrets
    {
        private readonly Dictionary<string, string> _secrets;
        private readonly string _store;

        public SessionSecrets(Dictionary<string, string> secrets, string store)
        {
            _secrets = secrets;
            _store = store + "|";
        }

        public string? Get(string businessUnit)
        {
            lock (_secrets) return _secrets.TryGetValue(_store + businessUnit, out var secret) ? secret : null;
        }

        public void Set(string businessUnit, string secret)
        {
            lock (_secrets) _secrets[_store + businessUnit] = secret;
        }

        public void Remove(string businessUnit)
        {
            lock (_secrets) _secrets.Remove(_store + businessUnit);
        }
    }
}
