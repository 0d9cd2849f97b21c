using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PresenceSync.Engine;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Binding
{
    /// <summary>
    /// Reads -Row and -FallbackRow values: the text form ('Busy/InACall => DoNotRoute'), a hashtable,
    /// an object from Import-Csv or ConvertFrom-Json, or the rows of a policy from Get-PresenceRoutingPolicy.
    /// </summary>
    internal static class RoutingRowReader
    {
        public static List<RoutingRowDefinition>? Read(IEnumerable<object>? values)
        {
            if (values == null) return null;
            var rows = new List<RoutingRowDefinition>();
            foreach (var value in values) rows.Add(ReadOne(value));
            return rows;
        }

        private static RoutingRowDefinition ReadOne(object value)
        {
            var item = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            switch (item)
            {
                case string text:
                    return RoutingRowParser.Parse(text);
                case PresenceRoutingRow row:
                    return RoutingRowParser.Parse(row.ToString());
                case RoutingRowDefinition definition:
                    return definition;
                case IDictionary table:
                    return FromProperties(name => Lookup(table, name));
                case PSObject obj:
                    return FromProperties(name => obj.Properties[name]?.Value);
                default:
                    throw new PresenceSyncException(new EngineError(RoutingErrorIds.InvalidRoutingRow, ErrorKind.InvalidArgument,
                        $"A routing row cannot be made from a {item?.GetType().Name ?? "null"}.", item,
                        "Write rows as text ('Busy/InACall => DoNotRoute') or as @{ Teams = 'Busy/InACall'; Decision = 'DoNotRoute' }."));
            }
        }

        private static RoutingRowDefinition FromProperties(Func<string, object?> get)
        {
            var text = First(get, "Row", "Text");
            if (text != null) return RoutingRowParser.Parse(text.ToString()!);
            var definition = new RoutingRowDefinition
            {
                Teams = First(get, "Teams", "TeamsState")?.ToString(),
                Decision = First(get, "Decision", "Route")?.ToString(),
            };
            var guard = First(get, "OnlyWhenAcdState", "When");
            if (guard != null)
            {
                foreach (var state in (string[])new ListTransformationAttribute().Transform(null!, guard)) definition.OnlyWhenAcdState.Add(state);
            }
            definition.Text = $"{definition.Teams} => {definition.Decision}";
            return definition;
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
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return entry.Value;
            return null;
        }
    }
}
