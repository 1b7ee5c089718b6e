using System.Globalization;

namespace Precast.Optimizers;

/// <summary>
/// Checks an optimizer's hyperparameters where they meet the optimizer (its constructor, or a
/// setter between steps), so each message names the optimizer, the group when there are several,
/// the hyperparameter, the value it held and what was expected. The rules follow PyTorch's.
/// </summary>
/// <param name="Where">The prefix of every message: "Adam: " or "Adam, group 1 (Output.bias): ".</param>
/// <param name="Argument">The argument the values came in through (ParamName of the exception).</param>
internal readonly record struct OptionCheck(string Where, string Argument)
{
    /// <summary>Checks that <paramref name="value"/> is finite and not negative.</summary>
    public void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw Fail(name, value, "a finite value of at least 0");
    }

    /// <summary>Checks that <paramref name="value"/> is finite.</summary>
    public void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw Fail(name, value, "a finite value");
    }

    /// <summary>Checks that <paramref name="value"/> lies in [0, 1), as a decay rate must.</summary>
    public void DecayRate(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw Fail(name, value, "a value in [0, 1)");
    }

    /// <summary>Checks that <paramref name="value"/> lies in [0, 1].</summary>
    public void Fraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw Fail(name, value, "a value in [0, 1]");
    }

    /// <summary>An exception for a rule that involves several values; <paramref name="message"/> completes the sentence.</summary>
    public ArgumentException Invalid(string message) => new($"{Where}{message}", Argument);

    private ArgumentOutOfRangeException Fail(string name, double value, string expected) =>
        new(Argument, value, $"{Where}{name} is {Text(value)}; expected {expected}.");

    /// <summary>A value as the messages write it: round-trip, invariant culture.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
