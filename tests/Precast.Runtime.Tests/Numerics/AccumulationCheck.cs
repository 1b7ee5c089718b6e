using System.Numerics;

namespace Precast.Runtime.Tests.Numerics;

/// <summary>
/// Checks of a backward kernel's <c>accumulate</c> parameter: with <c>false</c> it overwrites whatever
/// the gradient buffer held, with <c>true</c> it adds to it.
/// </summary>
public static class AccumulationCheck
{
    /// <summary>
    /// Runs <paramref name="backward"/> on a buffer that already holds arbitrary values and returns what
    /// the call contributed: the buffer itself when overwriting (the old values must be gone), the
    /// buffer minus the old values when accumulating. Either way the result is the gradient, ready for
    /// <see cref="GradientCheck.Verify"/>.
    /// </summary>
    /// <param name="accumulate">The value the kernel is called with.</param>
    /// <param name="length">The buffer's length.</param>
    /// <param name="backward">Calls the kernel on the buffer.</param>
    public static double[] Contribution(bool accumulate, int length, Action<double[]> backward)
    {
        double[] before = TestData.Uniform(length, seed: 77, scale: 3);
        double[] gradient = (double[])before.Clone();
        backward(gradient);
        if (accumulate)
        {
            for (int i = 0; i < length; i++)
                gradient[i] -= before[i];
        }
        return gradient;
    }

    /// <summary>
    /// Fails unless <paramref name="backward"/> with <c>accumulate: true</c> leaves
    /// <c>before + g</c> in the buffer, where <c>g</c> is what <c>accumulate: false</c> writes over a
    /// buffer of other values, to within a few rounding errors of <typeparamref name="T"/>.
    /// </summary>
    /// <param name="length">The buffer's length.</param>
    /// <param name="backward">Calls the kernel on the buffer with the given accumulate flag.</param>
    public static void AddsToWhatTheBufferHolds<T>(int length, Action<T[], bool> backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] written = TestData.Convert<T>(TestData.Uniform(length, seed: 78, scale: 5));
        backward(written, false);
        T[] before = TestData.Convert<T>(TestData.Uniform(length, seed: 79, scale: 3));
        T[] summed = (T[])before.Clone();
        backward(summed, true);

        double epsilon = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        for (int i = 0; i < length; i++)
        {
            double expected = double.CreateTruncating(before[i]) + double.CreateTruncating(written[i]);
            double actual = double.CreateTruncating(summed[i]);
            double scale = Math.Max(1, Math.Abs(double.CreateTruncating(before[i])) + Math.Abs(double.CreateTruncating(written[i])));
            Assert.True(Math.Abs(actual - expected) <= 2 * epsilon * scale,
                $"Element {i} of {length}: accumulating gave {actual:R}; expected {before[i]} + {written[i]} = {expected:R}.");
        }
    }
}
