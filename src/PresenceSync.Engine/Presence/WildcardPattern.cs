using System;
using System.Collections.Generic;
using System.Text;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// PowerShell-style wildcards without System.Management.Automation: * any run, ? one
    /// character, [abc] and [a-c] one of a set, and a backtick making the next character literal.
    /// Matching follows the key rule (NFC, case ignored by the invariant culture). With
    /// <c>sets: false</c> (agent ids, which ACDs may write with brackets) [ and ] are plain
    /// characters. A malformed pattern ([z-a], an unclosed [) is an InvalidWildcardPattern error,
    /// never a regex exception: no regex is involved.
    /// </summary>
    public sealed class WildcardPattern
    {
        private readonly List<Token> _tokens;

        public WildcardPattern(string pattern, bool sets = true)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            _tokens = Parse(pattern.Normalize(NormalizationForm.FormC), sets, out var wild);
            HasWildcards = wild;
        }

        public string Pattern { get; }

        /// <summary>False when the pattern names exactly one value (after its escapes are removed).</summary>
        public bool HasWildcards { get; }

        public bool IsMatch(string? value)
        {
            if (value == null) return false;
            var text = value.Normalize(NormalizationForm.FormC);
            // Iterative matching with one backtrack point per star: linear in practice, never exponential.
            int t = 0, p = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < _tokens.Count && _tokens[p].Kind != TokenKind.Star && _tokens[p].Matches(text[t])) { p++; t++; }
                else if (p < _tokens.Count && _tokens[p].Kind == TokenKind.Star) { starP = p++; starT = t; }
                else if (starP >= 0) { p = starP + 1; t = ++starT; }
                else return false;
            }
            while (p < _tokens.Count && _tokens[p].Kind == TokenKind.Star) p++;
            return p == _tokens.Count;
        }

        /// <summary>True when the text holds * or ? or a [..] set: such text is a pattern, not a name.</summary>
        public static bool ContainsWildcards(string? text)
        {
            if (text == null) return false;
            if (text.IndexOfAny(new[] { '*', '?' }) >= 0) return true;
            var open = text.IndexOf('[');
            return open >= 0 && text.IndexOf(']', open + 2) > open; // "[x]" is a set; a lone "[" is literal
        }

        public override string ToString() => Pattern;

        private List<Token> Parse(string pattern, bool sets, out bool wild)
        {
            var tokens = new List<Token>();
            wild = false;
            for (var i = 0; i < pattern.Length; i++)
            {
                var ch = pattern[i];
                if (ch == '`')
                {
                    if (i + 1 >= pattern.Length) throw Invalid("it ends with a backtick that escapes nothing");
                    tokens.Add(Token.Literal(pattern[++i]));
                }
                else if (ch == '*') { wild = true; if (tokens.Count == 0 || tokens[tokens.Count - 1].Kind != TokenKind.Star) tokens.Add(Token.Star); }
                else if (ch == '?') { wild = true; tokens.Add(Token.Any); }
                else if (ch == '[' && sets) { wild = true; i = ParseSet(pattern, i, tokens); }
                else if (ch == ']' && sets) throw Invalid($"the ']' at position {i + 1} closes no '['");
                else tokens.Add(Token.Literal(ch));
            }
            return tokens;
        }

        private int ParseSet(string pattern, int open, List<Token> tokens)
        {
            var ranges = new List<(char Low, char High)>();
            var i = open + 1;
            while (i < pattern.Length && pattern[i] != ']')
            {
                var low = pattern[i] == '`' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
                var high = low;
                if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
                {
                    i += 2;
                    high = pattern[i] == '`' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
                    if (high < low) throw Invalid($"the range '{low}-{high}' runs backwards");
                }
                ranges.Add((low, high));
                i++;
            }
            if (i >= pattern.Length) throw Invalid($"the '[' at position {open + 1} is never closed (write `[ for a literal bracket)");
            if (ranges.Count == 0) throw Invalid($"the set at position {open + 1} is empty");
            tokens.Add(Token.Set(ranges));
            return i;
        }

        private PresenceSyncException Invalid(string why) =>
            EngineContext.Fail(ErrorIds.InvalidWildcardPattern, ErrorKind.InvalidArgument,
                $"'{Pattern}' is not a valid wildcard pattern: {why}.", Pattern,
                "Use * for any run of characters, ? for one, [abc] or [a-c] for one of a set, and a backtick (`) before a character to take it literally.");

        private enum TokenKind { Literal, Any, Star, Set }

        private sealed class Token
        {
            public static readonly Token Star = new Token(TokenKind.Star, '\0', null);
            public static readonly Token Any = new Token(TokenKind.Any, '\0', null);
            private readonly char _char;
            private readonly List<(char Low, char High)>? _ranges;

            private Token(TokenKind kind, char ch, List<(char, char)>? ranges)
            {
                Kind = kind;
                _char = char.ToUpperInvariant(ch);
                _ranges = ranges;
            }

            public TokenKind Kind { get; }

            public static Token Literal(char ch) => new Token(TokenKind.Literal, ch, null);

            public static Token Set(List<(char, char)> ranges) => new Token(TokenKind.Set, '\0', ranges);

            public bool Matches(char ch)
            {
                switch (Kind)
                {
                    case TokenKind.Any: return true;
                    case TokenKind.Literal: return char.ToUpperInvariant(ch) == _char;
                    case TokenKind.Set:
                        var upper = char.ToUpperInvariant(ch);
                        var lower = char.ToLowerInvariant(ch);
                        foreach (var (low, high) in _ranges!)
                            if ((ch >= low && ch <= high) || (upper >= low && upper <= high) || (lower >= low && lower <= high)) return true;
                        return false;
                    default: return false;
                }
            }
        }
    }
}
