using System.Numerics;

namespace Precast.Models.Tests;

/// <summary>
/// Finite-difference gradient check of a whole generated model in double precision: every
/// parameter gradient and every input gradient that Backward computes is compared with the central
/// difference (L(p + h) − L(p − h)) / 2h of the loss the model itself computes.
/// </summary>
internal static class ModelGradientCheck
{
    private const double Step = 1e-6;
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteTolerance = 1e-9;

    /// <summary>Checks the gradients of <paramref name="model"/> at <paramref name="inputs"/> against <paramref name="targets"/>.</summary>
    /// <param name="model">A double-precision model.</param>
    /// <param name="inputGradient">
    /// Reads the model's InputGradient after a backward pass, for a model built with InputGradient = true;
    /// null for a model without it, whose parameter gradients alone are checked.
    /// </param>
    public static void Check<TTarget>(
        ITrainable<double, TTarget> model, double[] inputs, TTarget[] targets, Func<double[]>? inputGradient)
        where TTarget : unmanaged
    {
        model.ZeroGradients();
        model.Forward(inputs);
        model.ComputeLoss(targets);
        model.Backward();
        double[] parameterGradients = model.Gradients.ToArray();
        double[] inputGradients = inputGradient?.Invoke() ?? [];
        if (inputGradient is not null)
            Assert.Equal(inputs.Length, inputGradients.Length);

        for (int i = 0; i < model.Parameters.Length; i++)
        {
            double numeric = CentralDifference(() => ref model.Parameters[i], () => Loss(model, inputs, targets));
            Compare($"{model.ModelName} parameter {ParameterName(model, i)}", parameterGradients[i], numeric);
        }
        for (int i = 0; i < inputGradients.Length; i++)
        {
            double numeric = CentralDifference(() => ref inputs[i], () => Loss(model, inputs, targets));
            Compare($"{model.ModelName} input [{i}]", inputGradients[i], numeric);
        }
    }

    /// <summary>
    /// Checks a regression model at <paramref name="batch"/> random inputs and targets in [−1, 1), drawn
    /// from a seed made of its sizes, so that each model always meets the same values.
    /// </summary>
    public static void CheckRegression<TModel>(TModel model, int batch, Func<TModel, ReadOnlySpan<double>> inputGradient)
        where TModel : ITrainable<double, double>
    {
        var random = new Random(model.InputLength * 31 + model.OutputLength);
        Check(model, Uniform(random, batch * model.InputLength), Uniform(random, batch * model.OutputLength),
            () => inputGradient(model).ToArray());
    }

    /// <summary><paramref name="count"/> values uniform in [−1, 1).</summary>
    public static double[] Uniform(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1)];

    /// <summary>A value the check perturbs in place: a parameter or an input.</summary>
    internal delegate ref double Slot();

    /// <summary>(L(v + h) − L(v − h)) / 2h for the value at <paramref name="slot"/>, which is restored afterwards.</summary>
    internal static double CentralDifference(Slot slot, Func<double> loss)
    {
        double saved = slot();
        slot() = saved + Step;
        double plus = loss();
        slot() = saved - Step;
        double minus = loss();
        slot() = saved;
        return (plus - minus) / (2 * Step);
    }

    private static double Loss<TTarget>(ITrainable<double, TTarget> model, double[] inputs, TTarget[] targets)
        where TTarget : unmanaged
    {
        model.Forward(inputs);
        return model.ComputeLoss(targets);
    }

    /// <summary>Fails naming <paramref name="what"/> when the two derivatives differ by more than the check's tolerance.</summary>
    internal static void Compare(string what, double analytic, double numeric)
    {
        double tolerance = AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        Assert.True(Math.Abs(analytic - numeric) <= tolerance,
            $"{what}: backward gives {analytic:R}, finite differences give {numeric:R} (difference {Math.Abs(analytic - numeric):E2}, tolerance {tolerance:E2}).");
    }

    private static string ParameterName<T>(IModel<T> model, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (ParameterTensor tensor in model.ParameterTensors)
        {
            if (index >= tensor.Offset && index < tensor.Offset + tensor.Length)
                return $"{tensor.Name}[{index - tensor.Offset}]";
        }
        return $"[{index}]";
    }
}
