using Precast.Optimizers;

namespace Precast.Schedules;

/// <summary>Argument checks shared by the schedules; each message names the schedule, the argument, its value and what was expected.</summary>
internal static class ScheduleArguments
{
    /// <summary>Checks a step passed to <see cref="ILearningRateSchedule.LearningRate"/>.</summary>
    public static void Step(long step, string schedule)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{schedule}: step is {step}; expected 0 or more.");
    }

    /// <summary>Returns <paramref name="value"/> after checking that it is at least <paramref name="minimum"/>.</summary>
    public static long AtLeast(long value, long minimum, string schedule, string argument)
    {
        if (value < minimum)
            throw new ArgumentOutOfRangeException(argument, value, $"{schedule}: {argument} is {value}; expected {minimum} or more.");
        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking that it lies in [<paramref name="low"/>, <paramref name="high"/>] (open at an end that is excluded).</summary>
    public static double InRange(double value, double low, double high, string schedule, string argument, bool lowIncluded = true, bool highIncluded = true)
    {
        bool above = lowIncluded ? value >= low : value > low;
        bool below = highIncluded ? value <= high : value < high;
        if (!(above && below))
        {
            string range = (lowIncluded ? "[" : "(") + Text(low) + ", " + Text(high) + (highIncluded ? "]" : ")");
            throw new ArgumentOutOfRangeException(argument, value, $"{schedule}: {argument} is {Text(value)}; expected a value in {range}.");
        }
        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking that it is finite and not negative.</summary>
    public static double NonNegative(double value, string schedule, string argument)
    {
        new OptionCheck($"{schedule}: ", argument).NonNegative(value, argument);
        return value;
    }

    private static string Text(double value) => OptionCheck.Text(value);
}
