using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PresenceSync.Engine;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Reads -Row values in every shape an admin may hand over: the text form
    /// ("Inbound => Busy/InACall"), a hashtable, a PSCustomObject from ConvertFrom-Json or
    /// Import-Csv, or the rows of a rule that Get-PresenceRule returned. Errors come back with the
    /// engine's stable ids rather than as parameter-binding failures.
    /// </summary>
    internal static class RuleRowReader
    {
        public static List<RuleRowDefinition> Read(IEnumerable<object> values)
        {
            var rows = new List<RuleRowDefinition>();
            foreach (var value in values) rows.Add(ReadOne(value));
            return rows;
        }

        private static RuleRowDefinition ReadOne(object value)
        {
            var item = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            switch (item)
            {
                case string text:
                    return RuleRowParser.Parse(text);
                case PresenceRuleRow row:
                    return RuleRowParser.Parse(row.ToString());
                case RuleRowDefinition definition:
                    return definition;
                case IDictionary table:
                    return FromProperties(name => Lookup(table, name), item);
                case PSObject obj:
                    return FromProperties(name => obj.Properties[name]?.Value, item);
                default:
                    throw Invalid(item, $"a rule row cannot be made from a {item?.GetType().Name ?? "null"}");
            }
        }

        private static RuleRowDefinition FromProperties(Func<string, object?> get, object source)
        {
            var text = First(get, "Row", "Text");
            if (text != null) return RuleRowParser.Parse(text.ToString()!);

            var definition = new RuleRowDefinition
            {
                AcdState = First(get, "AcdState", "Acd", "State")?.ToString(),
                Teams = First(get, "Teams", "TeamsState", "Target")?.ToString(),
            };
            var direction = First(get, "Direction")?.ToString();
            if (!string.IsNullOrWhiteSpace(direction))
            {
                if (!Enum.TryParse<RuleDirection>(direction!.Trim(), true, out var parsed))
                    throw Invalid(source, $"'{direction}' is not a direction; use ToTeams, ToAcd or Both");
                definition.Direction = parsed;
            }
            var guard = First(get, "OnlyWhenAcdState", "When", "Guard");
            if (guard != null)
            {
                foreach (var state in (string[])new ListTransformationAttribute().Transform(null!, guard))
                    definition.OnlyWhenAcdState.Add(state);
            }
            var after = First(get, "MinimumDuration", "After");
            if (after != null)
            {
                definition.MinimumDuration = Duration(after, source, "minimum duration");
            }
            definition.StatusMessage = First(get, "StatusMessage", "Message")?.ToString();
            var expires = First(get, "StatusMessageExpiry", "MessageExpiry", "Expires");
            if (expires != null) definition.StatusMessageExpiry = Duration(expires, source, "status message expiry");
            definition.Text = $"{definition.AcdState} {definition.Direction} {definition.Teams}";
            return definition;
        }

        /// <summary>A duration given as a TimeSpan, a number of seconds, the row form ('5s', '2m') or a TimeSpan string.</summary>
        private static TimeSpan Duration(object value, object source, string what)
        {
            if (value is TimeSpan span) return span;
            if (value is int || value is long) return TimeSpan.FromSeconds(Convert.ToInt64(value));
            if (RowDuration.TryParse(value.ToString()!, out var parsed)) return parsed;
            if (TimeSpan.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var timespan)) return timespan;
            throw Invalid(source, $"'{value}' is not a {what}; use 5, '5s', '2m' or '00:00:05'");
        }

        private static object? First(Func<string, object?> get, params string[] names)
        {
            foreach (var name in names)
            {
                var value = get(name);
                if (value is PSObject ps) value = ps.BaseObject;
                if (value != null && !(value is string s && s.Length == 0)) return value;
            }
            return null;
        }

        private static object? Lookup(IDictionary table, string name)
        {
            foreach (DictionaryEntry entry in table)
            {
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            }
            return null;
        }

        private static PresenceSyncException Invalid(object? source, string why) =>
            new PresenceSyncException(new EngineError(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                $"A rule row cannot be read: {why}.", source,
                "Write rows as text ('Inbound => Busy/InACall') or as @{ AcdState = 'Inbound'; Teams = 'Busy/InACall'; Direction = 'ToTeams' }."));
    }
}
