using System;
using System.Collections.Generic;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// In-memory secrets of one runspace for one store; they die with the runspace and are never
    /// written anywhere. Keyed by store too, so an app recorded in another store never gets them.
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

        public string? Get(string clientId)
        {
            lock (_secrets) return _secrets.TryGetValue(_store + clientId, out var secret) ? secret : null;
        }

        public void Set(string clientId, string secret)
        {
            lock (_secrets) _secrets[_store + clientId] = secret;
        }

        public void Remove(string clientId)
        {
            lock (_secrets) _secrets.Remove(_store + clientId);
        }
    }
}
