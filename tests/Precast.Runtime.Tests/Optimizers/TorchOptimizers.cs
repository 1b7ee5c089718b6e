using System.Numerics;
using System.Text.Json;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>A PyTorch optimizer's keyword arguments, plus the terms PyTorch lacks.</summary>
/// <param name="Options">The keyword arguments, by PyTorch's names.</param>
/// <param name="L1">The L1 penalty.</param>
/// <param name="Decoupled">Whether the weight decay is decoupled.</param>
internal sealed record TorchArguments(JsonElement Options, double L1, bool Decoupled)
{
    public double Number(string key, double fallback) => Options.TryGetProperty(key, out JsonElement value) ? value.GetDouble() : fallback;

    public bool Flag(string key) => Options.TryGetProperty(key, out JsonElement value) && value.GetBoolean();

    public double Beta(int index, double fallback) =>
        Options.TryGetProperty("betas", out JsonElement betas) ? betas[index].GetDouble() : fallback;

    /// <summary>The same arguments with a group's overrides on top.</summary>
    public TorchArguments With(JsonElement overrides)
    {
        var merged = Options.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (JsonProperty property in overrides.EnumerateObject())
            merged[property.Name] = property.Value;
        return this with { Options = JsonSerializer.SerializeToElement(merged) };
    }
}

/// <summary>Precast's optimizers built from PyTorch's arguments, as a user porting a script would write them.</summary>
internal static class TorchOptimizers
{
    /// <summary>The optimizer PyTorch's <paramref name="kind"/> (lower case) would be, over a raw buffer.</summary>
    public static IOptimizer<T> Create<T>(string kind, int count, ParameterTensor[] tensors, TorchArguments arguments,
        (string[] Tensors, JsonElement Options)[] groups)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return kind switch
        {
            "sgd" => new Sgd<T>(count, tensors, Sgd(arguments), Groups(groups, arguments, Sgd)),
            "adam" or "adamw" => new Adam<T>(count, tensors, Adam(arguments, kind == "adamw"), Groups(groups, arguments, a => Adam(a, kind == "adamw"))),
            "rmsprop" => new RmsProp<T>(count, tensors, RmsProp(arguments), Groups(groups, arguments, RmsProp)),
            "adagrad" => new Adagrad<T>(count, tensors, Adagrad(arguments), Groups(groups, arguments, Adagrad)),
            "adadelta" => new Adadelta<T>(count, tensors, Adadelta(arguments), Groups(groups, arguments, Adadelta)),
            "nadam" => new NAdam<T>(count, tensors, NAdam(arguments), Groups(groups, arguments, NAdam)),
            "radam" => new RAdam<T>(count, tensors, RAdam(arguments), Groups(groups, arguments, RAdam)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer"),
        };
    }

    private static ParameterGroup<TOptions>[] Groups<TOptions>((string[] Tensors, JsonElement Options)[] groups, TorchArguments arguments,
        Func<TorchArguments, TOptions> create)
        where TOptions : OptimizerOptions
        => [.. groups.Select(g => ParameterGroup.Named(create(arguments.With(g.Options)), g.Tensors))];

    public static SgdOptions Sgd(TorchArguments a) => Common(a, new SgdOptions
    {
        LearningRate = a.Number("lr", 1e-3),
        Momentum = a.Number("momentum", 0),
        Dampening = a.Number("dampening", 0),
        Nesterov = a.Flag("nesterov"),
    });

    public static AdamOptions Adam(TorchArguments a, bool adamW) => Common(a, new AdamOptions
    {
        LearningRate = a.Number("lr", 1e-3),
        Beta1 = a.Beta(0, 0.9),
        Beta2 = a.Beta(1, 0.999),
        Epsilon = a.Number("eps", 1e-8),
        Amsgrad = a.Flag("amsgrad"),
        // torch.optim.AdamW's default weight decay is 0.01.
        WeightDecay = a.Number("weight_decay", adamW ? 0.01 : 0),
        DecoupledWeightDecay = adamW,
    }, keepWeightDecay: true);

    public static RmsPropOptions RmsProp(TorchArguments a) => Common(a, new RmsPropOptions
    {
        LearningRate = a.Number("lr", 1e-2),
        Alpha = a.Number("alpha", 0.99),
        Epsilon = a.Number("eps", 1e-8),
        Momentum = a.Number("momentum", 0),
        Centered = a.Flag("centered"),
    });

    public static AdagradOptions Adagrad(TorchArguments a) => Common(a, new AdagradOptions
    {
        LearningRate = a.Number("lr", 1e-2),
        LearningRateDecay = a.Number("lr_decay", 0),
        InitialAccumulatorValue = a.Number("initial_accumulator_value", 0),
        Epsilon = a.Number("eps", 1e-10),
    });

    public static AdadeltaOptions Adadelta(TorchArguments a) => Common(a, new AdadeltaOptions
    {
        LearningRate = a.Number("lr", 1.0),
        Rho = a.Number("rho", 0.9),
        Epsilon = a.Number("eps", 1e-6),
    });

    public static NAdamOptions NAdam(TorchArguments a) => Common(a, new NAdamOptions
    {
        LearningRate = a.Number("lr", 2e-3),
        Beta1 = a.Beta(0, 0.9),
        Beta2 = a.Beta(1, 0.999),
        Epsilon = a.Number("eps", 1e-8),
        MomentumDecay = a.Number("momentum_decay", 4e-3),
    });

    public static RAdamOptions RAdam(TorchArguments a) => Common(a, new RAdamOptions
    {
        LearningRate = a.Number("lr", 1e-3),
        Beta1 = a.Beta(0, 0.9),
        Beta2 = a.Beta(1, 0.999),
        Epsilon = a.Number("eps", 1e-8),
    });

    /// <summary>Weight decay (coupled unless the case says decoupled) and the L1 penalty.</summary>
    private static TOptions Common<TOptions>(TorchArguments a, TOptions options, bool keepWeightDecay = false)
        where TOptions : OptimizerOptions
        => keepWeightDecay
            ? (TOptions)(options with { L1 = a.L1 })
            : (TOptions)(options with { WeightDecay = a.Number("weight_decay", 0), DecoupledWeightDecay = a.Decoupled, L1 = a.L1 });
}
