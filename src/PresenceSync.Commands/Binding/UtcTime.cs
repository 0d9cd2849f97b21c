using System;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Parameters named ...Utc take the time as UTC when it carries no zone ("2026-12-01 12:00");
    /// a time given as local (Get-Date) is converted. New- and Set- must agree on this.
    /// </summary>
    internal static class UtcTime
    {
        public static DateTime? From(DateTime? value) => value switch
        {
            null => null,
            DateTime v when v.Kind == DateTimeKind.Unspecified => DateTime.SpecifyKind(v, DateTimeKind.Utc),
            DateTime v => v.ToUniversalTime(),
        };
    }
}
