using System.Numerics;
using Precast.Optimizers;

namespace Precast.Runtime.Tests.Optimizers;

/// <summary>
/// One configuration of every optimizer, exercising its options (momentum, centering, AMSGrad,
/// penalties), for the tests that every optimizer must pass whatever its rule.
/// </summary>
internal static class OptimizerKinds
{
    public static readonly string[] All =
    [
        "sgd", "sgd-nesterov-l2", "sgd-l1-decoupled", "adam", "adamw-amsgrad", "rmsprop-centered-momentum", "adagrad", "adadelta", "nadam", "radam",
    ];

    public static TheoryData<string> Names => [.. All];

    /// <summary>Every kind with "float" and with "double".</summary>
    public static TheoryData<string, string> NamesAndPrecisions
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string kind in All)
            {
                data.Add(kind, "float");
                data.Add(kind, "double");
            }
            return data;
        }
    }

    /// <summary>The optimizer of <paramref name="kind"/> over a raw buffer of <paramref name="count"/> values.</summary>
    public static IOptimizer<T> ForBuffer<T>(string kind, int count) where T : unmanaged, IFloatingPointIeee754<T>
        => Create<T>(kind, null, count, groups: false);

    /// <summary>The optimizer of <paramref name="kind"/> for <paramref name="model"/>, with a no-decay group for biases and normalization if <paramref name="groups"/>.</summary>
    public static IOptimizer<T> ForModel<T>(string kind, IModel<T> model, bool groups = false) where T : unmanaged, IFloatingPointIeee754<T>
        => Create(kind, model, model.Parameters.Length, groups);

    private static IOptimizer<T> Create<T>(string kind, IModel<T>? model, int count, bool groups) where T : unmanaged, IFloatingPointIeee754<T>
    {
        return kind switch
        {
            "sgd" => Make(new SgdOptions { LearningRate = 0.5 }, (o, g) => model is null ? new Sgd<T>(count, o) : new Sgd<T>(model, o, g)),
            "sgd-nesterov-l2" => Make(new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.01, Nesterov = true },
                (o, g) => model is null ? new Sgd<T>(count, o) : new Sgd<T>(model, o, g)),
            "sgd-l1-decoupled" => Make(new SgdOptions { LearningRate = 0.1, Momentum = 0.5, Dampening = 0.1, WeightDecay = 0.02, DecoupledWeightDecay = true, L1 = 0.001 },
                (o, g) => model is null ? new Sgd<T>(count, o) : new Sgd<T>(model, o, g)),
            "adam" => Make(new AdamOptions { LearningRate = 0.05, WeightDecay = 0.01 },
                (o, g) => model is null ? new Adam<T>(count, o) : new Adam<T>(model, o, g)),
            "adamw-amsgrad" => Make(new AdamOptions { LearningRate = 0.05, WeightDecay = 0.01, DecoupledWeightDecay = true, Amsgrad = true },
                (o, g) => model is null ? new Adam<T>(count, o) : new Adam<T>(model, o, g)),
            "rmsprop-centered-momentum" => Make(new RmsPropOptions { LearningRate = 0.01, Momentum = 0.9, Centered = true, WeightDecay = 0.01 },
                (o, g) => model is null ? new RmsProp<T>(count, o) : new RmsProp<T>(model, o, g)),
            "adagrad" => Make(new AdagradOptions { LearningRate = 0.1, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 0.01 },
                (o, g) => model is null ? new Adagrad<T>(count, o) : new Adagrad<T>(model, o, g)),
            // Adadelta's first steps are about √ε·lr in size; a rate of 5 gets it moving within the tests' 100 steps.
            "adadelta" => Make(new AdadeltaOptions { LearningRate = 5.0, WeightDecay = 0.01 },
                (o, g) => model is null ? new Adadelta<T>(count, o) : new Adadelta<T>(model, o, g)),
            "nadam" => Make(new NAdamOptions { LearningRate = 0.02, WeightDecay = 0.01 },
                (o, g) => model is null ? new NAdam<T>(count, o) : new NAdam<T>(model, o, g)),
            "radam" => Make(new RAdamOptions { LearningRate = 0.05, WeightDecay = 0.01 },
                (o, g) => model is null ? new RAdam<T>(count, o) : new RAdam<T>(model, o, g)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
        };

        IOptimizer<T> Make<TOptions>(TOptions options, Func<TOptions, ParameterGroup<TOptions>[], IOptimizer<T>> create)
            where TOptions : OptimizerOptions
            => create(options, groups ? [ParameterGroup.NoDecay(options)] : []);
    }
}
