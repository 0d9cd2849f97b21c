namespace PresenceSync.Emulator.Directory;

/// <summary>
/// A small $filter parser for the directory queries PresenceSync uses: eq, ne, startswith,
/// endswith, in, not, and, or, parentheses and collection lambdas
/// (proxyAddresses/any(p:p eq 'smtp:x') or any(p:startswith(p,'smtp:'))). Like Graph it refuses
/// the "advanced" operators (ne, not, endswith) unless ConsistencyLevel: eventual and $count=true
/// are sent, and string comparisons ignore case.
/// </summary>
internal sealed class ODataFilter
{
    private readonly List<string> _tokens;
    private readonly Func<string, IReadOnlySet<string>?> _schema;
    private int _pos;

    public bool UsesAdvancedQuery { get; private set; }

    private ODataFilter(string text, Func<string, IReadOnlySet<string>?> schema)
    {
        _tokens = Tokenize(text);
        _schema = schema;
    }

    /// <summary>Compiles a filter; the getter returns a property's value (string, bool, or string list).</summary>
    public static Func<T, bool> Compile<T>(string text, Func<T, string, object?> getter, IReadOnlySet<string> filterable, out bool advanced)
    {
        var parser = new ODataFilter(text, _ => filterable);
        var node = parser.ParseOr();
        if (parser._pos != parser._tokens.Count) throw new FormatException($"Syntax error at '{parser._tokens[parser._pos]}'.");
        advanced = parser.UsesAdvancedQuery;
        return item => node(p => getter(item, p));
    }

    private delegate bool Node(Func<string, object?> get);

    private Node ParseOr()
    {
        var left = ParseAnd();
        while (Peek("or")) { _pos++; var l = left; var r = ParseAnd(); left = g => l(g) || r(g); }
        return left;
    }

    private Node ParseAnd()
    {
        var left = ParseUnary();
        while (Peek("and")) { _pos++; var l = left; var r = ParseUnary(); left = g => l(g) && r(g); }
        return left;
    }

    private Node ParseUnary()
    {
        if (Peek("not")) { _pos++; UsesAdvancedQuery = true; var inner = ParseUnary(); return g => !inner(g); }
        if (Peek("(")) { _pos++; var inner = ParseOr(); Expect(")"); return inner; }
        if (Peek("startswith") || Peek("endswith"))
        {
            var fn = Take();
            if (fn == "endswith") UsesAdvancedQuery = true;
            Expect("("); var prop = Property(); Expect(","); var value = StringLiteral(); Expect(")");
            return g => g(prop) is string s && (fn == "startswith"
                ? s.StartsWith(value, StringComparison.OrdinalIgnoreCase)
                : s.EndsWith(value, StringComparison.OrdinalIgnoreCase));
        }
        var property = Take();
        if (property.Contains("/any", StringComparison.OrdinalIgnoreCase)) return ParseAny(property);
        CheckProperty(property);
        var op = Take().ToLowerInvariant();
        switch (op)
        {
            case "eq": { var v = Literal(); return g => Equal(g(property), v); }
            case "ne": { UsesAdvancedQuery = true; var v = Literal(); return g => !Equal(g(property), v); }
            case "in":
            {
                Expect("(");
                var values = new List<object?> { Literal() };
                while (Peek(",")) { _pos++; values.Add(Literal()); }
                Expect(")");
                return g => values.Any(v => Equal(g(property), v));
            }
            default: throw new FormatException($"Operator '{op}' is not supported.");
        }
    }

    /// <summary>proxyAddresses/any(p:p eq 'x') and proxyAddresses/any(p:startswith(p,'x')).</summary>
    private Node ParseAny(string head)
    {
        var property = head[..head.IndexOf("/any", StringComparison.OrdinalIgnoreCase)];
        CheckProperty(property);
        Expect("("); var variable = Take(); Expect(":");
        Func<string, bool> test;
        if (Peek("startswith"))
        {
            _pos++; Expect("("); Expect(variable); Expect(","); var v = StringLiteral(); Expect(")");
            test = s => s.StartsWith(v, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Expect(variable); Expect("eq"); var v = StringLiteral();
            test = s => string.Equals(s, v, StringComparison.OrdinalIgnoreCase);
        }
        Expect(")");
        return g => g(property) is IEnumerable<string> list && list.Any(test);
    }

    private static bool Equal(object? actual, object? expected) => (actual, expected) switch
    {
        (null, null) => true,
        (string a, string e) => string.Equals(a, e, StringComparison.OrdinalIgnoreCase),
        (bool a, bool e) => a == e,
        _ => false,
    };

    private void CheckProperty(string property)
    {
        if (_schema(property) is { } allowed && !allowed.Contains(property))
            throw new NotSupportedException($"Unsupported or invalid query filter clause specified for property '{property}' of resource.");
    }

    private string Property() { var p = Take(); CheckProperty(p); return p; }

    private object? Literal()
    {
        var t = Take();
        if (t.StartsWith('\'')) return t[1..^1].Replace("''", "'");
        return t.ToLowerInvariant() switch
        {
            "true" => true, "false" => false, "null" => null,
            _ => throw new FormatException($"'{t}' is not a literal."),
        };
    }

    private string StringLiteral() => Literal() as string ?? throw new FormatException("A string literal is expected.");
    private bool Peek(string t) => _pos < _tokens.Count && string.Equals(_tokens[_pos], t, StringComparison.OrdinalIgnoreCase);
    private string Take() => _pos < _tokens.Count ? _tokens[_pos++] : throw new FormatException("Unexpected end of filter.");
    private void Expect(string t) { if (!Peek(t)) throw new FormatException($"'{t}' expected."); _pos++; }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or ',' or ':') { tokens.Add(c.ToString()); i++; continue; }
            if (c == '\'')
            {
                var j = i + 1;
                while (j < text.Length && !(text[j] == '\'' && (j + 1 >= text.Length || text[j + 1] != '\''))) j += text[j] == '\'' ? 2 : 1;
                if (j >= text.Length) throw new FormatException("Unterminated string literal.");
                tokens.Add(text[i..(j + 1)]);
                i = j + 1;
                continue;
            }
            var k = i;
            while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] is not ('(' or ')' or ',' or ':' or '\'')) k++;
            tokens.Add(text[i..k]);
            i = k;
        }
        return tokens;
    }
}
