using System;
using System.Net;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>Everything one SIP source needs to run: the recorded source of a business unit, plus tuning the tests shorten.</summary>
    internal sealed class SipSourceSettings
    {
        public string BusinessUnit { get; set; } = "Default";

        /// <summary>sip:host[:port]: where SUBSCRIBEs are sent.</summary>
        public SipUri Registrar { get; set; } = SipUri.Parse("sip:localhost");

        public bool Tcp { get; set; }

        /// <summary>The domain of the extensions' URIs (sip:101@domain); defaults to the registrar's host.</summary>
        public string? Domain { get; set; }

        public string UserName { get; set; } = "presencesync";

        /// <summary>
        /// Finds the password when the source starts (session, DPAPI or environment); null when the
        /// server needs none. It may throw <see cref="PresenceSyncException"/> (not available): the
        /// source then reports it and tries again later, so a variable set afterwards is picked up.
        /// </summary>
        public Func<string?> Password { get; set; } = () => null;

        public LineStateMap StateMap { get; set; } = LineStateMap.Default;

        /// <summary>Subscription duration asked for, in seconds.</summary>
        public int Expires { get; set; } = 600;

        /// <summary>An RFC 4662 resource list URI to subscribe to instead of one subscription per extension.</summary>
        public string? ResourceList { get; set; }

        /// <summary>Watch only these extensions (Test-PresenceSipSource -Extension); null watches every mapped agent's.</summary>
        public System.Collections.Generic.ISet<string>? OnlyExtensions { get; set; }

        public IPAddress? LocalAddress { get; set; }
        public int LocalPort { get; set; }

        // tuning
        public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>New subscriptions per second when the source starts, so 500 extensions do not hit the PBX in one burst.</summary>
        public double SubscribeRate { get; set; } = 50;
        public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);
        public TimeSpan LongestBackoff { get; set; } = TimeSpan.FromMinutes(5);
        public TimeSpan InputRecordInterval { get; set; } = TimeSpan.FromSeconds(5);
        public SipLimits Limits { get; set; } = SipLimits.Default;

        public string EffectiveDomain => string.IsNullOrEmpty(Domain) ? Registrar.Host : Domain!;

        public override string ToString() => $"{Registrar} ({(Tcp ? "TCP" : "UDP")}), domain {EffectiveDomain}, user {UserName}";
    }
}
