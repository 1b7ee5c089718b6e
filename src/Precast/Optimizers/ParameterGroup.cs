namespace Precast.Optimizers;

/// <summary>
/// A parameter group, as PyTorch's <c>param_groups</c>: the tensors it selects (by name, from a
/// model's <see cref="IModel{T}.ParameterTensors"/>) are updated with its own <see cref="Options"/>
/// instead of the optimizer's. Every tensor no group selects stays in the optimizer's default group.
/// Make one with <see cref="ParameterGroup.Named{TOptions}"/>, <see cref="ParameterGroup.Where{TOptions}"/>
/// or <see cref="ParameterGroup.NoDecay{TOptions}"/>.
/// </summary>
/// <typeparam name="TOptions">The optimizer's options type.</typeparam>
public sealed class ParameterGroup<TOptions> where TOptions : OptimizerOptions
{
    internal ParameterGroup(Func<ParameterTensor, bool> selects, TOptions options, string[]? names)
    {
        ArgumentNullException.ThrowIfNull(selects);
        ArgumentNullException.ThrowIfNull(options);
        Selects = selects;
        Options = options;
        Names = names;
    }

    /// <summary>Whether a tensor belongs to this group.</summary>
    public Func<ParameterTensor, bool> Selects { get; }

    /// <summary>The hyperparameters of the group's tensors.</summary>
    public TOptions Options { get; }

    /// <summary>The names the group was made from, each of which must name a tensor; null for a group made from a predicate.</summary>
    internal string[]? Names { get; }
}

/// <summary>Makes <see cref="ParameterGroup{TOptions}"/>s.</summary>
/// <example>
/// Decay every weight matrix but no bias or normalization parameter, as PyTorch users do:
/// <code>
/// var options = new AdamOptions { LearningRate = 1e-3, WeightDecay = 0.01, DecoupledWeightDecay = true };
/// var adamW = new Adam&lt;float&gt;(model, options, ParameterGroup.NoDecay(options));
/// </code>
/// </example>
public static class ParameterGroup
{
    /// <summary>A group of the tensors named <paramref name="names"/> (an unknown name is an error when the optimizer is constructed).</summary>
    /// <param name="options">The group's hyperparameters.</param>
    /// <param name="names">The tensors' checkpoint names, as <see cref="ParameterTensor.Name"/>: <c>Output.weight</c>.</param>
    public static ParameterGroup<TOptions> Named<TOptions>(TOptions options, params string[] names)
        where TOptions : OptimizerOptions
    {
        ArgumentNullException.ThrowIfNull(names);
        var set = new HashSet<string>(names, StringComparer.Ordinal);
        return new ParameterGroup<TOptions>(tensor => set.Contains(tensor.Name), options, [.. names]);
    }

    /// <summary>A group of the tensors <paramref name="selects"/> picks (for example by a name prefix).</summary>
    /// <param name="selects">Whether a tensor belongs to the group.</param>
    /// <param name="options">The group's hyperparameters.</param>
    public static ParameterGroup<TOptions> Where<TOptions>(Func<ParameterTensor, bool> selects, TOptions options)
        where TOptions : OptimizerOptions
        => new(selects, options, null);

    /// <summary>
    /// A group of every bias and normalization parameter (<see cref="IsBiasOrNormalization"/>) with
    /// <paramref name="options"/>' hyperparameters but neither weight decay nor L1 penalty: the usual
    /// exclusion (BERT, GPT, timm) of parameters whose decay only hurts.
    /// </summary>
    /// <param name="options">The optimizer's options; the group copies them with the penalties set to 0.</param>
    public static ParameterGroup<TOptions> NoDecay<TOptions>(TOptions options)
        where TOptions : OptimizerOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        // `with` on the base type clones the derived record, so the cast back cannot fail.
        var undecayed = (TOptions)(options with { WeightDecay = 0, L1 = 0 });
        return new ParameterGroup<TOptions>(IsBiasOrNormalization, undecayed, null);
    }

    /// <summary>
    /// Whether a tensor is a bias or a normalization parameter: it has one dimension (biases, and the
    /// scales and shifts of batch, layer and group normalization), its name ends in <c>.bias</c>, or it
    /// belongs to a layer whose name contains "norm" (<c>BatchNorm1.weight</c>, <c>Block.LayerNorm.weight</c>,
    /// <c>ln_norm.scale</c>), in any case.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    public static bool IsBiasOrNormalization(ParameterTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Shape.Length <= 1 || tensor.Name.EndsWith(".bias", StringComparison.Ordinal))
            return true;
        int last = tensor.Name.LastIndexOf('.');
        if (last <= 0)
            return false;
        ReadOnlySpan<char> layer = tensor.Name.AsSpan(0, last);
        int start = layer.LastIndexOf('.') + 1;
        return layer[start..].Contains("norm", StringComparison.OrdinalIgnoreCase);
    }
}
