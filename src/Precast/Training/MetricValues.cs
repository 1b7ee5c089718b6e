using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Precast.Training;

/// <summary>
/// Named results of one epoch or one evaluation, in a fixed order: <c>loss</c>, then each metric by
/// its <see cref="Metrics.IMetric{T, TTarget}.Name"/>, then the same with a <c>val_</c> prefix for
/// the validation data (Keras's names). The trainer fixes the names when <c>Fit</c> starts and
/// overwrites the values in place, so reading them never allocates; <see cref="Copy"/> keeps them.
/// </summary>
public sealed class MetricValues : IReadOnlyDictionary<string, double>
{
    /// <summary>The name of the mean loss.</summary>
    public const string Loss = "loss";

    /// <summary>The prefix of every value measured on the validation data: <c>val_loss</c>, <c>val_accuracy</c>.</summary>
    public const string ValidationPrefix = "val_";

    private readonly string[] _names;
    private readonly double[] _values;

    internal MetricValues(string[] names)
    {
        _names = names;
        _values = new double[names.Length];
        _values.AsSpan().Fill(double.NaN);
    }

    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>How many values there are.</summary>
    public int Count => _names.Length;

    /// <summary>The value called <paramref name="name"/>; NaN until it has been measured.</summary>
    /// <exception cref="KeyNotFoundException">There is no value of that name; the message lists the names there are.</exception>
    public double this[string name] => TryGetValue(name, out double value)
        ? value
        : throw new KeyNotFoundException($"MetricValues: there is no value named '{name}'; there are {Describe(_names)}.");

    /// <summary>Looks a value up by name (ordinal comparison).</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int index = IndexOf(key);
        value = index >= 0 ? _values[index] : double.NaN;
        return index >= 0;
    }

    /// <summary>Whether there is a value named <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The values, in the order of <see cref="Names"/>.</summary>
    public IEnumerable<double> Values => _values;

    IEnumerable<string> IReadOnlyDictionary<string, double>.Keys => _names;

    /// <summary>A copy that later changes to these values do not affect.</summary>
    public MetricValues Copy()
    {
        var copy = new MetricValues(_names);
        _values.CopyTo(copy._values, 0);
        return copy;
    }

    /// <summary>The names and values in order.</summary>
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < _names.Length; i++)
            yield return new KeyValuePair<string, double>(_names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>For example <c>loss 0.4123, accuracy 0.8512, val_loss 0.4410, val_accuracy 0.8405</c> (values not yet measured are left out).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _names.Length; i++)
        {
            if (double.IsNaN(_values[i]))
                continue;
            if (text.Length > 0)
                text.Append(", ");
            text.Append(_names[i]).Append(' ').Append(_values[i].ToString("F4", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    internal void Set(int index, double value) => _values[index] = value;

    internal void Clear() => _values.AsSpan().Fill(double.NaN);

    internal static string Describe(IReadOnlyList<string> names) =>
        names.Count == 0 ? "none" : "'" + string.Join("', '", names) + "'";

    private int IndexOf(string name) => Array.IndexOf(_names, name);
}
