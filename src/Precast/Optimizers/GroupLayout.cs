using System.Globalization;

namespace Precast.Optimizers;

/// <summary>
/// Assigns every value of a flat parameter buffer to one parameter group, as PyTorch's
/// <c>param_groups</c> partition a model's parameters: each named tensor goes to the one
/// <see cref="ParameterGroup{TOptions}"/> that selects it, or to the default group 0; values no tensor
/// covers go to group 0 too. Adjacent tensors of a group merge into one range, so the update runs over
/// few long stretches.
/// </summary>
internal static class GroupLayout
{
    /// <summary>The groups, default first, with their checked options; throws naming the tensor, group or hyperparameter at fault.</summary>
    public static OptimizerGroup[] Build<TOptions>(string optimizer, int parameterCount, IReadOnlyList<ParameterTensor> tensors,
        TOptions defaults, ParameterGroup<TOptions>[] groups)
        where TOptions : OptimizerOptions
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(groups);
        ParameterTensor[] ordered = Ordered(optimizer, parameterCount, tensors);

        int groupCount = groups.Length + 1;
        var options = new TOptions[groupCount];
        options[0] = defaults;
        for (int g = 1; g < groupCount; g++)
        {
            options[g] = groups[g - 1]?.Options ?? throw new ArgumentNullException(nameof(groups),
                $"{optimizer}: parameter group {g} is null.");
        }

        var names = new List<string>[groupCount];
        var ranges = new List<ParameterRange>[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            names[g] = [];
            ranges[g] = [];
        }
        int covered = 0;
        foreach (ParameterTensor tensor in ordered)
        {
            if (tensor.Offset > covered)
                Add(ranges[0], covered, tensor.Offset - covered);
            int group = GroupOf(optimizer, tensor, groups);
            names[group].Add(tensor.Name);
            Add(ranges[group], tensor.Offset, tensor.Length);
            covered = tensor.Offset + tensor.Length;
        }
        if (parameterCount > covered)
            Add(ranges[0], covered, parameterCount - covered);
        CheckNamesExist(optimizer, ordered, groups);

        var result = new OptimizerGroup[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            string description = groupCount == 1 ? optimizer : $"{optimizer}, group {g} ({Listing(names[g])})";
            options[g].Check(new OptionCheck($"{description}: ", g == 0 ? "options" : nameof(groups)));
            result[g] = new OptimizerGroup(g, description, options[g], [.. names[g]], [.. ranges[g]]);
        }
        return result;
    }

    /// <summary>The tensors by offset, after checking that each lies inside the buffer and none overlaps another.</summary>
    private static ParameterTensor[] Ordered(string optimizer, int parameterCount, IReadOnlyList<ParameterTensor> tensors)
    {
        var ordered = new ParameterTensor[tensors.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            ParameterTensor tensor = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{optimizer}: tensor {i} is null.");
            if (tensor.Offset < 0 || tensor.Length < 0 || (long)tensor.Offset + tensor.Length > parameterCount)
            {
                throw new ArgumentException(
                    $"{optimizer}: tensor '{tensor.Name}' {tensor.ShapeText} at offset {tensor.Offset} lies outside the parameter buffer of {parameterCount} values.",
                    nameof(tensors));
            }
            ordered[i] = tensor;
        }
        Array.Sort(ordered, (a, b) => a.Offset.CompareTo(b.Offset));
        for (int i = 1; i < ordered.Length; i++)
        {
            ParameterTensor previous = ordered[i - 1];
            if (previous.Offset + previous.Length > ordered[i].Offset)
            {
                throw new ArgumentException(
                    $"{optimizer}: tensors '{previous.Name}' (offset {previous.Offset}, {previous.Length} values) and '{ordered[i].Name}' (offset {ordered[i].Offset}) overlap.",
                    nameof(tensors));
            }
        }
        return ordered;
    }

    /// <summary>The group selecting <paramref name="tensor"/>, 0 if none does; more than one is an error.</summary>
    private static int GroupOf<TOptions>(string optimizer, ParameterTensor tensor, ParameterGroup<TOptions>[] groups)
        where TOptions : OptimizerOptions
    {
        int found = 0;
        for (int g = 0; g < groups.Length; g++)
        {
            if (!groups[g].Selects(tensor))
                continue;
            if (found != 0)
            {
                throw new ArgumentException(
                    $"{optimizer}: tensor '{tensor.Name}' is selected by parameter groups {found} and {g + 1}; each tensor belongs to one group (as in torch.optim).",
                    nameof(groups));
            }
            found = g + 1;
        }
        return found;
    }

    private static void CheckNamesExist<TOptions>(string optimizer, ParameterTensor[] tensors, ParameterGroup<TOptions>[] groups)
        where TOptions : OptimizerOptions
    {
        for (int g = 0; g < groups.Length; g++)
        {
            foreach (string name in groups[g].Names ?? [])
            {
                if (!tensors.Any(t => string.Equals(t.Name, name, StringComparison.Ordinal)))
                {
                    string known = tensors.Length == 0 ? "the optimizer has no named tensors" : "the tensors are " + string.Join(", ", tensors.Select(t => t.Name));
                    throw new ArgumentException($"{optimizer}: parameter group {g + 1} names tensor '{name}', which does not exist; {known}.", nameof(groups));
                }
            }
        }
    }

    /// <summary>Appends a stretch, extending the last one when they touch.</summary>
    private static void Add(List<ParameterRange> ranges, int start, int length)
    {
        if (length == 0)
            return;
        if (ranges.Count > 0 && ranges[^1].Start + ranges[^1].Length == start)
            ranges[^1] = new ParameterRange(ranges[^1].Start, ranges[^1].Length + length);
        else
            ranges.Add(new ParameterRange(start, length));
    }

    /// <summary>"a.weight, b.weight" or "a.weight, b.weight, c.weight and 4 more"; "no tensors" when empty.</summary>
    private static string Listing(List<string> names) => names.Count switch
    {
        0 => "no named tensors",
        <= 3 => string.Join(", ", names),
        _ => string.Join(", ", names.Take(3)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 3} more"),
    };
}
