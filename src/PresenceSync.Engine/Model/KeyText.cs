using System;
using System.Globalization;
using System.Text;

namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// The one rule for the keys admins and ACDs type (agent ids, team and unit names, ACD states):
    /// Unicode NFC, trimmed, compared ordinally ignoring case by the invariant culture
    /// (StringComparer.OrdinalIgnoreCase), so "Ägent1" and "ägent1" are one agent everywhere.
    /// Keys may not hold control, format (bidi overrides, zero-width) or separator characters other
    /// than the plain space, and have at most <see cref="MaxLength"/> characters. The store keeps the
    /// folded form in a unique key column (migration V011) and every in-memory dictionary uses
    /// <see cref="KeyComparer"/>, so the rule is the same on disk and in memory.
    /// </summary>
    public static class KeyText
    {
        public const int MaxLength = 128;

        public static string Normalize(string text) => text.Trim().Normalize(NormalizationForm.FormC);

        /// <summary>The form the store indexes: two keys are the same key exactly when their folded forms are equal.</summary>
        public static string Fold(string text) => Normalize(text).ToUpperInvariant();

        /// <summary>The text with every invisible or control character shown as &lt;U+XXXX&gt;, safe to put in a message.</summary>
        public static string Visible(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var ch in text.Length > MaxLength + 16 ? text.Substring(0, MaxLength + 16) + "\u2026" : text)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(ch);
                if (category == UnicodeCategory.Control || category == UnicodeCategory.Format || category == UnicodeCategory.Surrogate
                    || category == UnicodeCategory.LineSeparator || category == UnicodeCategory.ParagraphSeparator)
                    sb.Append("<U+").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
                else sb.Append(ch);
            }
            return sb.ToString();
        }

        /// <summary>Why the text cannot be a key, or null when it can.</summary>
        public static string? Problem(string text)
        {
            if (text.Length > MaxLength) return $"is longer than {MaxLength} characters";
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (ch == ' ') continue;
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++; // a whole character outside the BMP (an emoji, say) is fine
                    continue;
                }
                switch (CharUnicodeInfo.GetUnicodeCategory(ch))
                {
                    case UnicodeCategory.Control:
                        return $"holds the control character U+{(int)ch:X4}";
                    case UnicodeCategory.Format:
                        return $"holds the invisible formatting character U+{(int)ch:X4} (a bidi override or zero-width character)";
                    case UnicodeCategory.LineSeparator:
                    case UnicodeCategory.ParagraphSeparator:
                    case UnicodeCategory.SpaceSeparator:
                        return $"holds the separator U+{(int)ch:X4}";
                    case UnicodeCategory.Surrogate:
                        return "holds half of a character (a lone UTF-16 surrogate)";
                    case UnicodeCategory.PrivateUse:
                    case UnicodeCategory.OtherNotAssigned:
                        return $"holds U+{(int)ch:X4}, which is not an assigned character";
                }
            }
            return null;
        }
    }
}
