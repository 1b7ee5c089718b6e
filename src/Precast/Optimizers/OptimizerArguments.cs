using System.Globalization;

namespace Precast.Optimizers;

/// <summary>
/// Argument checks shared by the optimizers. Each message names the optimizer, the argument, the
/// value it held and what was expected; hyperparameter rules follow PyTorch's.
/// </summary>
internal static class OptimizerArguments
{
    /// <summary>The length of <paramref name="model"/>'s parameter buffer, after checking the model.</summary>
    public static int ParameterCount(IModel<float> model, string optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        int parameters = model.Parameters.Length;
        int gradients = model.Gradients.Length;
        if (parameters != gradients)
            throw new ArgumentException(
                $"{optimizer}: model '{model.ModelName}' has {parameters} parameters but {gradients} gradients; " +
                "expected one gradient per parameter.",
                nameof(model));
        return parameters;
    }

    /// <summary>Checks a raw-buffer constructor's parameter count.</summary>
    public static void Count(int parameterCount, string optimizer)
    {
        if (parameterCount < 0)
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount,
                $"{optimizer}: parameterCount is {parameterCount}; expected the length of the parameter buffer, 0 or more.");
    }

    /// <summary>Returns <paramref name="value"/> after checking that it is finite and not negative.</summary>
    public static float NonNegative(float value, string optimizer, string argument)
    {
        if (!float.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(argument, value,
                $"{optimizer}: {argument} is {Text(value)}; expected a finite value of at least 0.");
        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking that it is finite.</summary>
    public static float Finite(float value, string optimizer, string argument)
    {
        if (!float.IsFinite(value))
            throw new ArgumentOutOfRangeException(argument, value,
                $"{optimizer}: {argument} is {Text(value)}; expected a finite value.");
        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking that it lies in [0, 1), as a decay rate must.</summary>
    public static float DecayRate(float value, string optimizer, string argument)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(argument, value,
                $"{optimizer}: {argument} is {Text(value)}; expected a value in [0, 1).");
        return value;
    }

    /// <summary>Returns <paramref name="nesterov"/> after checking, as <c>torch.optim.SGD</c> does, that momentum allows it.</summary>
    public static bool Nesterov(bool nesterov, float momentum, float dampening)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException(
                $"{nameof(Sgd)}: nesterov momentum needs momentum > 0 and dampening 0 (as torch.optim.SGD); " +
                $"got momentum {Text(momentum)} and dampening {Text(dampening)}.",
                nameof(nesterov));
        return nesterov;
    }

    /// <summary>Checks that a step's buffers both have the optimizer's parameter count.</summary>
    public static void Buffers(int parameters, int gradients, int expected, string method)
    {
        if (parameters != expected)
            throw new ArgumentException(
                $"{method}: 'parameters' has {parameters} values; this optimizer was constructed for {expected}.",
                nameof(parameters));
        if (gradients != expected)
            throw new ArgumentException(
                $"{method}: 'gradients' has {gradients} values; expected {expected}, one per parameter.",
                nameof(gradients));
    }

    /// <summary>Checks a state buffer and step count passed to <c>RestoreState</c>.</summary>
    public static void State(int length, int expected, string argument, long stepCount, string method)
    {
        if (length != expected)
            throw new ArgumentException(
                $"{method}: '{argument}' has {length} values; this optimizer's {argument} has {expected}.",
                argument);
        if (stepCount < 0)
            throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount,
                $"{method}: stepCount is {stepCount}; expected 0 or more.");
    }

    /// <summary>The model a model-less optimizer was asked to step, or an explanation of the mistake.</summary>
    public static IModel<float> Model(IModel<float>? model, string optimizer) =>
        model ?? throw new InvalidOperationException(
            $"{optimizer}.Step(): this optimizer was constructed for raw buffers ({optimizer}(int parameterCount, ...)), " +
            "so it has no model to step; call Step(parameters, gradients) instead.");

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
