using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip.Source;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>
    /// Records, lists, changes and removes the SIP source of each business unit. Every check runs
    /// before anything is written, so a refused request never leaves a half-recorded source; the
    /// password is kept as <see cref="SipPasswords"/> says, never in clear.
    /// </summary>
    public sealed class SipSourceService
    {
        private readonly EngineContext _context;

        public SipSourceService(EngineContext context) => _context = context;

        /// <summary>Every unit's source, in unit order.</summary>
        public IReadOnlyList<PresenceSipSource> GetAll() =>
            _context.Store.Read((c, tx) => BusinessUnitRepository.All(c, tx)
                .Select(u => (Unit: u, Record: SipSourceRepository.Find(c, tx, u)))
                .Where(x => x.Record != null).Select(x => new PresenceSipSource(x.Unit.Name, x.Record!)).ToList());

        public PresenceSipSource? Get(string? businessUnit)
        {
            var (unit, record) = Find(businessUnit);
            if (record != null) return new PresenceSipSource(unit.Name, record);
            _context.Error(SipErrorIds.SourceNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no SIP source.", unit.Name,
                "Record one with New-PresenceSipSource -Registrar sip:pbx.example:5060.");
            return null;
        }

        public PresenceSipSource? Record(string? businessUnit, SipSourceRequest request, bool force)
        {
            var (unit, existing) = Find(businessUnit);
            if (string.IsNullOrWhiteSpace(request.Registrar))
                throw EngineContext.Fail(SipErrorIds.InvalidRegistrar, ErrorKind.InvalidArgument, "A SIP source needs -Registrar (sip:pbx.example:5060).", unit.Name);
            var now = _context.Clock.UtcNow;
            var record = new SipSourceRecord { CreatedUtc = now, UpdatedUtc = now, StateMapJson = LineStateMap.Default.ToJson() };
            var password = Apply(unit, record, request, creating: true);
            if (existing != null && !force)
            {
                _context.Error(SipErrorIds.SourceExists, ErrorKind.ResourceExists, $"Business unit '{unit.Name}' already has a SIP source ({existing.Registrar}).", unit.Name,
                    "Change it with Set-PresenceSipSource, or replace it with -Force.");
                return null;
            }
            if (!_context.Host.ShouldProcess($"{record.Registrar} (business unit '{unit.Name}')", existing != null ? "Replace the SIP source" : "Record the SIP source")) return null;
            return Save(unit, record, password);
        }

        public PresenceSipSource? Set(string? businessUnit, SipSourceRequest request)
        {
            var (unit, record) = Find(businessUnit);
            if (record == null)
                throw EngineContext.Fail(SipErrorIds.SourceNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no SIP source.", unit.Name,
                    "Record one with New-PresenceSipSource.");
            var password = Apply(unit, record, request, creating: false);
            record.UpdatedUtc = _context.Clock.UtcNow;
            if (!_context.Host.ShouldProcess($"{record.Registrar} (business unit '{unit.Name}')", "Change the SIP source")) return null;
            return Save(unit, record, password);
        }

        public bool Remove(string? businessUnit)
        {
            var (unit, record) = Find(businessUnit);
            if (record == null)
            {
                _context.Error(SipErrorIds.SourceNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no SIP source.", unit.Name);
                return false;
            }
            if (!_context.Host.ShouldProcess($"{record.Registrar} (business unit '{unit.Name}')", "Forget the SIP source and its stored password")) return false;
            _context.Store.Write((c, tx) => SipSourceRepository.Delete(c, tx, unit));
            _context.Secrets?.Remove(SipPasswords.SessionKey(unit.Name));
            return true;
        }

        /// <summary>The recorded sources of these units (every unit with one when none is named), ready to run.</summary>
        internal IReadOnlyList<SipDialogSource> Sources(IEnumerable<string>? businessUnits)
        {
            var names = businessUnits?.ToList() ?? new List<string>();
            var found = _context.Store.Read((c, tx) =>
            {
                var units = names.Count == 0 ? BusinessUnitRepository.All(c, tx) : names.Select(n => BusinessUnitRepository.Require(c, tx, n)).ToList();
                return units.Select(u => (Unit: u, Record: SipSourceRepository.Find(c, tx, u))).Where(x => x.Record != null).ToList();
            });
            return found.Select(x => new SipDialogSource(_context, Settings(x.Unit.Name, x.Record!))).ToList();
        }

        internal SipSourceSettings Settings(string unit, SipSourceRecord record)
        {
            var secrets = _context.Secrets;
            return new SipSourceSettings
            {
                BusinessUnit = unit,
                Registrar = Messages.SipUri.Parse(record.Registrar),
                Tcp = record.Transport == SipTransport.Tcp,
                Domain = record.Domain,
                UserName = record.UserName,
                Password = () => SipPasswords.Resolve(unit, record, secrets),
                StateMap = LineStateMap.FromJson(record.StateMapJson),
                Expires = record.Expires,
                ResourceList = record.ResourceList,
                LocalAddress = record.LocalAddress != null ? System.Net.IPAddress.Parse(record.LocalAddress) : null,
                LocalPort = record.LocalPort,
            };
        }

        private (PresenceBusinessUnit Unit, SipSourceRecord? Record) Find(string? businessUnit) =>
            _context.Store.Read((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (unit, SipSourceRepository.Find(c, tx, unit));
            });

        private PresenceSipSource Save(PresenceBusinessUnit unit, SipSourceRecord record, string? sessionPassword)
        {
            _context.Store.Write((c, tx) => { SipSourceRepository.Save(c, tx, unit, record); return true; });
            var key = SipPasswords.SessionKey(unit.Name);
            if (record.PasswordStorage == SecretStorage.Session && sessionPassword != null) _context.Secrets?.Set(key, sessionPassword);
            else if (record.PasswordStorage != SecretStorage.Session) _context.Secrets?.Remove(key);
            return new PresenceSipSource(unit.Name, record);
        }

        /// <summary>Checks and applies a request; returns a password to keep for the session, if any. Throws before anything is stored.</summary>
        private string? Apply(PresenceBusinessUnit unit, SipSourceRecord record, SipSourceRequest request, bool creating)
        {
            if (request.Registrar != null) (record.Registrar, record.Transport) = SipSourceValidation.Registrar(request.Registrar, request.Transport);
            else if (request.Transport is SipTransport transport) record.Transport = transport;
            if (request.Domain != null) record.Domain = SipSourceValidation.Domain(request.Domain);
            if (request.UserName != null) record.UserName = SipSourceValidation.UserName(request.UserName);
            if (request.StateMap != null) record.StateMapJson = SipSourceValidation.StateMap(request.StateMap).ToJson();
            if (request.Expires is int expires) record.Expires = SipSourceValidation.Expires(expires);
            if (request.ClearResourceList) record.ResourceList = null;
            else if (request.ResourceList != null) record.ResourceList = SipSourceValidation.ResourceList(request.ResourceList);
            if (request.LocalAddress != null) record.LocalAddress = SipSourceValidation.LocalAddress(request.LocalAddress);
            if (request.LocalPort is int port) record.LocalPort = SipSourceValidation.LocalPort(port);

            var given = request.Password != null || request.PasswordFromEnvironment || request.NoPassword;
            if (!given && !creating) return null;
            record.ProtectedPassword = null;
            if (request.PasswordFromEnvironment)
            {
                record.PasswordStorage = SecretStorage.Environment;
                return null;
            }
            if (string.IsNullOrEmpty(request.Password))
            {
                record.PasswordStorage = SecretStorage.None;
                return null;
            }
            if (SipPasswords.CanProtect)
            {
                record.PasswordStorage = SecretStorage.Dpapi;
                record.ProtectedPassword = SipPasswords.Protect(request.Password!);
                return null;
            }
            record.PasswordStorage = SecretStorage.Session;
            _context.Host.WriteWarning("This system cannot protect a password at rest, so the SIP password is kept for this session only. " +
                $"For scheduled runs set $env:{SipPasswords.UnitVariable(unit.Name)} and record the source with -PasswordFromEnvironment.");
            return request.Password;
        }
    }
}
