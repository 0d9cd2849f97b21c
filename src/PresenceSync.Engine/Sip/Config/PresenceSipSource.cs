using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>
    /// A business unit's SIP source as the admin sees it: where the PBX is and how the source signs
    /// in. It never carries the password: only where it is kept.
    /// </summary>
    public sealed class PresenceSipSource
    {
        internal PresenceSipSource(string businessUnit, SipSourceRecord record)
        {
            BusinessUnit = businessUnit;
            Registrar = record.Registrar;
            TransportValue = record.Transport;
            Domain = record.Domain ?? (Messages.SipUri.TryParse(record.Registrar, out var uri) ? uri.Host : null);
            UserName = record.UserName;
            PasswordStorageValue = record.PasswordStorage;
            StateMap = Source.LineStateMap.FromJson(record.StateMapJson).Names.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value);
            Expires = record.Expires;
            ResourceList = record.ResourceList;
            LocalAddress = record.LocalAddress;
            LocalPort = record.LocalPort;
            CreatedUtc = record.CreatedUtc;
            UpdatedUtc = record.UpdatedUtc;
        }

        public string BusinessUnit { get; }

        /// <summary>sip:host:port of the PBX's registrar / presence server, where SUBSCRIBEs go.</summary>
        public string Registrar { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on TransportValue.</summary>
        public string Transport => TransportValue.ToString();
        internal SipTransport TransportValue { get; }

        /// <summary>The domain of the extensions' URIs: sip:&lt;extension&gt;@&lt;domain&gt;.</summary>
        public string? Domain { get; }
        public string UserName { get; }

        /// <summary>None (no digest authentication), Dpapi, Session or Environment.</summary>
        public string PasswordStorage => PasswordStorageValue.ToString();
        internal SecretStorage PasswordStorageValue { get; }

        /// <summary>Line state (Idle, Dialing, Ringing, OnCall) to ACD state; empty means no event.</summary>
        public IReadOnlyDictionary<string, string> StateMap { get; }

        /// <summary>Subscription duration asked for, in seconds; refreshed before it ends.</summary>
        public int Expires { get; }

        /// <summary>An RFC 4662 resource list URI used instead of one subscription per extension.</summary>
        public string? ResourceList { get; }
        public string? LocalAddress { get; }
        public int LocalPort { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        public override string ToString() => $"{BusinessUnit}: {Registrar} ({Transport})";
    }
}
