using System.Text.RegularExpressions;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// $search on directory objects (Learn: user-list examples 6 and 7, aad-advanced-queries):
/// "property:text" clauses in double quotes joined by AND / OR. As in Entra ID the text matches
/// the start of any word of the property (words split at spaces and . _ - @), ignoring case, so
/// "displayName:wa" finds "Oscar Ward". Without ConsistencyLevel: eventual Graph refuses $search.
/// </summary>
internal static partial class ODataSearch
{
    public const string NeedsEventual = "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

    [GeneratedRegex("\"(?<prop>[A-Za-z]+):(?<text>[^\"]*)\"|(?<op>\\bAND\\b|\\bOR\\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();

    [GeneratedRegex(@"[\s._\-@]+")]
    private static partial Regex WordBreak();

    /// <summary>Compiles a search; throws NotSupportedException for a property that cannot be searched, FormatException for bad syntax.</summary>
    public static Func<T, bool> Compile<T>(string search, Func<T, string, object?> getter, IReadOnlySet<string> searchable)
    {
        Func<T, bool>? result = null;
        var pendingOr = false;
        foreach (Match m in Clause().Matches(search))
        {
            if (m.Groups["op"].Success) { pendingOr = m.Value.Equals("OR", StringComparison.OrdinalIgnoreCase); continue; }
            var prop = m.Groups["prop"].Value;
            var text = m.Groups["text"].Value.Trim();
            if (!searchable.Contains(prop)) throw new NotSupportedException($"Property '{prop}' does not support $search.");
            Func<T, bool> clause = item => getter(item, prop) is string value && Matches(value, text);
            if (result is null) result = clause;
            else
            {
                var left = result;
                result = pendingOr ? item => left(item) || clause(item) : item => left(item) && clause(item);
            }
            pendingOr = false;
        }
        return result ?? throw new FormatException("$search needs at least one \"property:text\" clause in double quotes.");
    }

    private static bool Matches(string value, string text) =>
        value.StartsWith(text, StringComparison.OrdinalIgnoreCase)
        || WordBreak().Split(value).Any(w => w.StartsWith(text, StringComparison.OrdinalIgnoreCase));
}
