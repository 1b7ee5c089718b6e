using System.Globalization;
using System.Text.RegularExpressions;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>A parameter tensor as checkpoints and PyTorch name it: <c>Stage.0.Dense1.weight</c>, [6, 4].</summary>
internal sealed record TensorName(string Name, int[] Shape)
{
    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}]";
}

/// <summary>What the shape oracle says of a network: its output shape, its parameter tensors in order and its size in layers, or why it is wrong.</summary>
internal sealed class NetworkFacts
{
    public int[]? Output { get; set; }

    public List<TensorName> Parameters { get; } = [];

    /// <summary>The nodes the generator expands the network to: every layer (Flatten included) and every join.</summary>
    public long Nodes { get; set; }

    /// <summary>Why the network is wrong, or null.</summary>
    public string? Error { get; set; }

    /// <summary>The Precast diagnostic the error must give, when the oracle knows it (the convolutional layers' rules).</summary>
    public string? ErrorId { get; set; }

    /// <summary>Warnings the network must get (PC0032), each with the model's top-level attribute it is about.</summary>
    public List<(string Id, AttributeDraft Site)> Warnings { get; } = [];

    /// <summary>The top-level attribute being walked: where a warning about anything inside it is reported.</summary>
    public AttributeDraft? Site { get; set; }

    public bool IsValid => Error is null && Output is not null;

    /// <summary>Valid and without warnings: what the fuzzer builds valid networks from.</summary>
    public bool IsClean => IsValid && Warnings.Count == 0;
}

/// <summary>
/// The fuzzer's own model of Precast's shape rules and names, independent of the generator: it
/// walks a layer list (and the blocks its compositions use) from an input shape, as the user's
/// documentation describes it. Dense works on the last axis ([T, D] → [T, units]); Softmax needs
/// a vector; Flatten makes one; Concat joins on the first axis (the other axes and the rank must
/// agree); Sum, Residual and Highway need one shape; Scale's gate, without trailing 1s, must be the
/// input's leading axes; Repeat applies its block n ≥ 1 times; the convolutional layers follow
/// <see cref="ConvolutionOracle"/>. Names: an explicit Name, else the
/// kind and its position among layers of that kind, moved past names given explicitly; a block's
/// layers are named under its composition (Residual1.Dense1, Residual1.Projection.Dense1,
/// Concat1.0.Dense1 or Concat1.{name}.Dense1, Scale1.Dense1, Highway1.Transform/Gate.Dense1,
/// Stage.0.Dense1). Valid networks are built by asking it; the oracle compares the generated
/// model's parameter list and output shape with what it says.
/// </summary>
internal static class ShapeOracle
{
    public const int MaxNodes = 4096;

    private static readonly Regex s_identifier = new("^[A-Za-z][A-Za-z0-9_]*$");

    private static readonly HashSet<string> s_elementwise = ["Relu", "LeakyRelu", "Sigmoid", "Tanh", "Gelu", "Dropout"];

    public static NetworkFacts Run(IReadOnlyList<AttributeDraft> items, IReadOnlyList<int> input)
    {
        var facts = new NetworkFacts();
        facts.Output = Expand(items, input.ToArray(), "", facts, depth: 0);
        if (facts.Error is not null)
            facts.Output = null;
        return facts;
    }

    /// <summary>The output of one block applied to <paramref name="input"/>, or null (with the reason in Error).</summary>
    public static NetworkFacts RunBlock(ModelDraft block, IReadOnlyList<int> input) => Run(block.Network.Layers, input);

    private static int[]? Expand(IReadOnlyList<AttributeDraft> items, int[] x, string path, NetworkFacts facts, int depth)
    {
        if (depth > 40)
            return Fail(facts, "blocks nested too deep (a cycle?)");
        List<string>? names = Names(items, path, facts);
        if (names is null)
            return null;
        int[]? current = x;
        for (int i = 0; i < items.Count && current is not null; i++)
        {
            string itemPath = path.Length == 0 ? names[i] : path + "." + names[i];
            if (depth == 0)
                facts.Site = items[i];
            current = items[i].Composition is { } composition
                ? Compose(items[i], composition, current, itemPath, facts, depth)
                : Layer(items[i], current, itemPath, facts);
        }
        return current;
    }

    private static List<string>? Names(IReadOnlyList<AttributeDraft> items, string path, NetworkFacts facts)
    {
        var explicitNames = new HashSet<string>(items.Select(i => i.ExplicitName).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, int>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (AttributeDraft item in items)
        {
            if (item.Name is "Loss" or "Model" or "Block")
                return Fail<List<string>>(facts, $"[{item.Name}] in a layer list at '{path}'");
            positions.TryGetValue(item.Name, out int position);
            positions[item.Name] = ++position;
            string name;
            if (item.GetNamed("Name") is not null)
            {
                name = item.ExplicitName ?? "";
            }
            else
            {
                while (explicitNames.Contains(item.Name + position))
                    position++;
                positions[item.Name] = position;
                name = item.Name + position;
            }
            if (!s_identifier.IsMatch(name) || !seen.Add(name))
                return Fail<List<string>>(facts, $"layer name '{name}' at '{path}' is invalid or repeated");
            names.Add(name);
        }
        return names;
    }

    private static int[]? Layer(AttributeDraft layer, int[] x, string path, NetworkFacts facts)
    {
        if (!Count(facts, 1))
            return null;
        if (layer.RawArguments is not null)
            return Fail(facts, $"'{path}' has raw arguments");
        switch (layer.Name)
        {
            case "Dense":
                int? units = layer.Positional.Count == 1 ? Evaluate(layer.Positional[0]) : null;
                if (units is not > 0)
                    return Fail(facts, $"Dense '{path}' has units '{string.Join(", ", layer.Positional)}'");
                facts.Parameters.Add(new(path + ".weight", [units.Value, x[^1]]));
                if (layer.GetNamed("Bias") != "false")
                    facts.Parameters.Add(new(path + ".bias", [units.Value]));
                return [.. x[..^1], units.Value];
            case "Flatten":
                return [x.Aggregate(1, (a, b) => a * b)];
            case "Softmax":
                return x.Length == 1 ? x : Fail(facts, $"Softmax '{path}' on {Show(x)}");
            default:
                if (ConvolutionOracle.Handles(layer.Name))
                    return ConvolutionOracle.Layer(layer, x, path, facts);
                return s_elementwise.Contains(layer.Name) ? x : Fail(facts, $"unknown layer [{layer.Name}] at '{path}'");
        }
    }

    private static int[]? Compose(AttributeDraft attribute, CompositionDraft c, int[] x, string path, NetworkFacts facts, int depth)
    {
        string display = $"{c.Kind} '{path}'";
        switch (c.Kind)
        {
            case "Residual":
            {
                int[]? f = Block(c.Blocks[0], x, path, facts, depth);
                if (f is null)
                    return null;
                int[]? shortcut = c.Projection is null ? x : Block(c.Projection, x, path + ".Projection", facts, depth);
                if (shortcut is null || !Count(facts, 1))
                    return null;
                return f.SequenceEqual(shortcut) ? f : Fail(facts, $"{display} adds {Show(shortcut)} and {Show(f)}");
            }
            case "Concat" or "Sum":
            {
                if (c.Blocks.Count < 2)
                    return Fail(facts, $"{display} has {c.Blocks.Count} branch(es)");
                if (c.BranchNames is { } names && (names.Count != c.Blocks.Count || names.Any(n => !s_identifier.IsMatch(n))
                    || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count))
                {
                    return Fail(facts, $"{display} has Names [{string.Join(", ", names)}] for {c.Blocks.Count} branches");
                }
                var outputs = new List<int[]>();
                for (int i = 0; i < c.Blocks.Count; i++)
                {
                    string branch = c.BranchNames?[i] ?? i.ToString(CultureInfo.InvariantCulture);
                    int[]? output = Block(c.Blocks[i], x, path + "." + branch, facts, depth);
                    if (output is null)
                        return null;
                    outputs.Add(output);
                }
                if (!Count(facts, 1))
                    return null;
                if (c.Kind == "Sum")
                    return outputs.All(o => o.SequenceEqual(outputs[0])) ? outputs[0] : Fail(facts, $"{display} adds {string.Join(", ", outputs.Select(Show))}");
                bool agree = outputs.All(o => o.Length == outputs[0].Length && o.Skip(1).SequenceEqual(outputs[0].Skip(1)));
                if (!agree)
                    return Fail(facts, $"{display} joins {string.Join(", ", outputs.Select(Show))}");
                long first = outputs.Sum(o => (long)o[0]);
                return first > int.MaxValue ? Fail(facts, $"{display} is too long") : [(int)first, .. outputs[0][1..]];
            }
            case "Scale":
            {
                int[]? s = Block(c.Blocks[0], x, path, facts, depth);
                if (s is null || !Count(facts, 1))
                    return null;
                return Broadcasts(x, s) ? x : Fail(facts, $"{display} scales {Show(x)} by {Show(s)}");
            }
            case "Highway":
            {
                int[]? h = Block(c.Blocks[0], x, path + ".Transform", facts, depth);
                int[]? t = h is null ? null : Block(c.Blocks[1], x, path + ".Gate", facts, depth);
                if (h is null || t is null || !Count(facts, 1))
                    return null;
                return h.SequenceEqual(x) && t.SequenceEqual(x) ? x : Fail(facts, $"{display} mixes {Show(h)}, {Show(t)} and {Show(x)}");
            }
            case "Repeat":
            {
                if (c.Count < 1)
                    return Fail(facts, $"{display} has count {c.Count}");
                int[]? current = x;
                for (int copy = 0; copy < c.Count && current is not null; copy++)
                    current = Block(c.Blocks[0], current, path + "." + copy.ToString(CultureInfo.InvariantCulture), facts, depth);
                return current;
            }
            default:
                return Fail(facts, $"unknown composition {attribute.Name}");
        }
    }

    private static int[]? Block(ModelDraft? block, int[] x, string path, NetworkFacts facts, int depth)
    {
        if (block is null)
            return Fail(facts, $"'{path}' uses a type that is not a block");
        if (block.Network.Layers.Count == 0 || (block.IsBlock && block.Network.Loss is not null))
            return Fail(facts, $"block '{block.Type.Name}' cannot be used");
        return Expand(block.Network.Layers, x, path, facts, depth + 1);
    }

    /// <summary>Whether gate output <paramref name="s"/>, without trailing 1s, is <paramref name="x"/>'s leading axes.</summary>
    public static bool Broadcasts(int[] x, int[] s)
    {
        int rank = s.Length;
        while (rank > 0 && s[rank - 1] == 1)
            rank--;
        return rank <= x.Length && s.Take(rank).SequenceEqual(x.Take(rank));
    }

    public static bool Count(NetworkFacts facts, int nodes)
    {
        facts.Nodes += nodes;
        if (facts.Nodes <= MaxNodes)
            return true;
        Fail(facts, $"more than {MaxNodes} layers");
        return false;
    }

    public static int[]? Fail(NetworkFacts facts, string error) => Fail<int[]>(facts, error);

    private static T? Fail<T>(NetworkFacts facts, string error)
        where T : class
    {
        facts.Error ??= error;
        return null;
    }

    public static string Show(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The value of an int argument as the fuzzer writes them: 4, units: 4, 2 * 2, FuzzSizes.N4, FuzzSizes.M4; null for anything else.</summary>
    public static int? Evaluate(string text)
    {
        text = text.Trim();
        if (text.StartsWith("units: ", StringComparison.Ordinal) || text.StartsWith("count: ", StringComparison.Ordinal))
            text = text[7..];
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            return value;
        if (Regex.Match(text, @"^(\d+) \* (\d+)$") is { Success: true } product)
            return checked(int.Parse(product.Groups[1].Value, CultureInfo.InvariantCulture) * int.Parse(product.Groups[2].Value, CultureInfo.InvariantCulture));
        if (Regex.Match(text, @"^FuzzSizes\.([NM])(\d+)$") is { Success: true } constant)
            return (constant.Groups[1].Value == "M" ? -1 : 1) * int.Parse(constant.Groups[2].Value, CultureInfo.InvariantCulture);
        return null;
    }
}
