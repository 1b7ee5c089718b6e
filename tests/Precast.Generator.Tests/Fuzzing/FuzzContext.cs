namespace Precast.Generator.Tests.Fuzzing;

/// <summary>
/// The random choices of one program: a <see cref="System.Random"/> seeded from (seed, index) only,
/// so that every program can be regenerated on its own.
/// </summary>
internal sealed class FuzzContext
{
    private readonly Dictionary<string, int> _counters = [];

    public FuzzContext(int seed, int index) => Random = new Random(Mix(seed, index));

    public Random Random { get; }

    /// <summary>Constants of the helper class FuzzSizes that attribute arguments refer to: name → declaration.</summary>
    public SortedDictionary<string, string> Constants { get; } = new(StringComparer.Ordinal);

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public int Between(int min, int max) => Random.Next(min, max + 1);

    public T Pick<T>(params T[] items) => items[Random.Next(items.Length)];

    public T Weighted<T>(params (double Weight, T Item)[] items)
    {
        double roll = Random.NextDouble() * items.Sum(i => i.Weight);
        foreach ((double weight, T item) in items)
        {
            if (roll < weight)
                return item;
            roll -= weight;
        }
        return items[^1].Item;
    }

    /// <summary>Picks one of the features that apply to <paramref name="target"/>, by weight; null when none applies.</summary>
    public Feature<T>? PickFeature<T>(IEnumerable<Feature<T>> features, T target)
    {
        var applicable = features.Where(f => f.IsApplicable(target)).ToArray();
        return applicable.Length == 0 ? null : Weighted(applicable.Select(f => (f.Weight, f)).ToArray());
    }

    /// <summary>1, 2, 3, ... per prefix: unique names within the program.</summary>
    public int Next(string prefix)
    {
        _counters.TryGetValue(prefix, out int n);
        _counters[prefix] = ++n;
        return n;
    }

    /// <summary>An int as an attribute argument: mostly a literal, sometimes a constant expression or a named constant.</summary>
    public string Int(int value) => Weighted<Func<string>>(
        (20, () => value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        (value is > 1 and < 1000 && value % 2 == 0 ? 1 : 0, () => $"2 * {value / 2}"),
        (1, () => Constant(value)))();

    /// <summary>Declares FuzzSizes.Nx = value (Mx for negative values) and returns a reference to it.</summary>
    public string Constant(int value)
    {
        string name = value < 0 ? "M" + (-(long)value) : "N" + value;
        Constants[name] = $"public const int {name} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
        return "FuzzSizes." + name;
    }

    // splitmix64 of (seed, index): neighbouring indexes give unrelated programs.
    private static int Mix(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}

/// <summary>
/// One thing the fuzzer can do to a <typeparamref name="T"/> (a model draft): its name (as the
/// report shows it), how often it is picked, when it applies and what it does.
/// </summary>
internal sealed record Feature<T>(string Name, double Weight, Func<T, bool> IsApplicable, Action<FuzzContext, T> Apply)
{
    public Feature(string name, double weight, Action<FuzzContext, T> apply)
        : this(name, weight, _ => true, apply)
    {
    }
}
