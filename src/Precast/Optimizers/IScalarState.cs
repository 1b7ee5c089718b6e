namespace Precast.Optimizers;

/// <summary>
/// Named numbers a training component carries between steps (a step count, learning rates, the best
/// metric of a plateau schedule), listed so that a checkpoint can save them by name and restore them
/// into a freshly constructed component, which then continues exactly as the saved one would have.
/// </summary>
/// <remarks>
/// Values are doubles; counts are whole numbers (exact in a double up to 2^53). Names are stable:
/// a checkpoint may store them as they are. Which names there are depends on the configuration
/// (one learning rate per group, say), so a loader should match names, not positions.
/// </remarks>
public interface IScalarState
{
    /// <summary>The names of the values, in index order: <c>adam.step</c>, <c>adam.group0.lr</c>, ...</summary>
    IReadOnlyList<string> ScalarNames { get; }

    /// <summary>The value at <paramref name="index"/> in <see cref="ScalarNames"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <see cref="ScalarNames"/>.</exception>
    double GetScalar(int index);

    /// <summary>Restores the value at <paramref name="index"/> in <see cref="ScalarNames"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="index"/> is outside <see cref="ScalarNames"/>, or the value is not one the
    /// component could have reached (a negative or fractional step count, a negative learning rate); the
    /// message names the value.
    /// </exception>
    void SetScalar(int index, double value);
}
