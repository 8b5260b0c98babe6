using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConvGen.Generator.Common
{
    /// <summary>
    /// An integer expression of emitted code, built as a value: constant + Σ coefficient·name. Emitters combine offsets
    /// with it and print it once, so whether a term is a number, needs parentheses or folds away is decided by structure,
    /// never by looking at text.
    /// </summary>
    internal readonly struct Linear
    {
        private readonly KeyValuePair<string, long>[]? _terms;

        private Linear(KeyValuePair<string, long>[] terms, long constant)
        {
            _terms = terms;
            Constant = constant;
        }

        public long Constant { get; }

        private KeyValuePair<string, long>[] Terms => _terms ?? System.Array.Empty<KeyValuePair<string, long>>();

        public bool IsConstant => Terms.Length == 0;

        public static Linear Of(long constant) => new(System.Array.Empty<KeyValuePair<string, long>>(), constant);

        public static Linear Of(string name) => new(new[] { new KeyValuePair<string, long>(name, 1) }, 0);

        public static implicit operator Linear(long constant) => Of(constant);

        public static Linear operator +(Linear a, Linear b)
        {
            var terms = a.Terms.ToList();
            foreach (var term in b.Terms)
            {
                int i = terms.FindIndex(t => t.Key == term.Key);
                if (i < 0) terms.Add(term);
                else terms[i] = new KeyValuePair<string, long>(term.Key, terms[i].Value + term.Value);
            }

            return new Linear(terms.Where(t => t.Value != 0).ToArray(), a.Constant + b.Constant);
        }

        public static Linear operator -(Linear a, Linear b) => a + b * -1;

        public static Linear operator *(Linear a, long factor) =>
            factor == 0 ? Of(0) : new Linear(a.Terms.Select(t => new KeyValuePair<string, long>(t.Key, t.Value * factor)).ToArray(), a.Constant * factor);

        /// <summary>The expression as C#, e.g. <c>2 * q + width - 3</c>.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var term in Terms)
            {
                long c = term.Value;
                if (text.Length > 0) text.Append(c < 0 ? " - " : " + ");
                else if (c < 0) text.Append('-');
                long magnitude = System.Math.Abs(c);
                text.Append(magnitude == 1 ? term.Key : magnitude.ToString(CultureInfo.InvariantCulture) + " * " + term.Key);
            }

            if (text.Length == 0) return Constant.ToString(CultureInfo.InvariantCulture);
            if (Constant != 0) text.Append(Constant < 0 ? " - " : " + ").Append(System.Math.Abs(Constant).ToString(CultureInfo.InvariantCulture));
            return text.ToString();
        }

        /// <summary>The expression as an operand of a multiplication or a cast: parenthesised unless it is one number or one name.</summary>
        public string AsOperand()
        {
            bool single = IsConstant ? Constant >= 0 : Terms.Length == 1 && Terms[0].Value == 1 && Constant == 0;
            return single ? ToString() : "(" + ToString() + ")";
        }
    }
}
