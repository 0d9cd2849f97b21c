using System;
using System.Collections.Generic;
using System.Text;

namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// The key rule of <see cref="KeyText"/> as a comparer, for every in-memory dictionary and set
    /// keyed by agent id, unit name or rule name: NFC-normalised, then ordinal ignoring case by the
    /// invariant culture. It holds no state, so one instance serves every runspace.
    /// </summary>
    public sealed class KeyComparer : StringComparer
    {
        public static readonly KeyComparer Instance = new KeyComparer();

        private KeyComparer() { }

        public override int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return -1;
            if (y == null) return 1;
            return string.Compare(Form(x), Form(y), StringComparison.OrdinalIgnoreCase);
        }

        public override bool Equals(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x == null || y == null) return false;
            // Keys are normalised where they come in, so the fast comparison nearly always decides.
            if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase)) return true;
            return string.Equals(Form(x), Form(y), StringComparison.OrdinalIgnoreCase);
        }

        public override int GetHashCode(string obj) =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(Form(obj ?? throw new ArgumentNullException(nameof(obj))));

        private static string Form(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }
}
