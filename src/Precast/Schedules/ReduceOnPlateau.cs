using Precast.Optimizers;

namespace Precast.Schedules;

/// <summary>
/// Cuts the learning rate when a metric stops improving, as PyTorch's <c>ReduceLROnPlateau</c>: after
/// more than <see cref="Patience"/> epochs without a significant improvement, every group's rate becomes
/// <c>max(lr·factor, minLr)</c>, then <see cref="Cooldown"/> epochs pass before bad epochs count again.
/// Driven per epoch, with the epoch's validation metric: <see cref="Step"/>.
/// </summary>
/// <remarks>
/// Unlike the closed-form schedules it has state (the best metric, the bad epochs, the cooldown) and
/// changes the optimizer's current rates in place; both are saved through <see cref="IScalarState"/>
/// (this class's and the optimizer's). Configure it with initializers:
/// <code>
/// var plateau = new ReduceOnPlateau(optimizer) { Mode = PlateauMode.Max, Patience = 3, Factor = 0.5 };
/// </code>
/// </remarks>
public sealed class ReduceOnPlateau : IScalarState
{
    private static readonly string[] Names = ["plateau.best", "plateau.num_bad_epochs", "plateau.cooldown_counter", "plateau.last_epoch"];

    private readonly IOptimizer optimizer;
    private readonly double[] minLearningRates;
    private PlateauMode mode;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private ThresholdMode thresholdMode;
    private int cooldown;
    private double epsilon = 1e-8;

    /// <summary>Creates the schedule for <paramref name="optimizer"/> with PyTorch's defaults; set others with initializers.</summary>
    /// <param name="optimizer">The optimizer whose groups' learning rates the schedule cuts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    public ReduceOnPlateau(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        this.optimizer = optimizer;
        minLearningRates = new double[optimizer.Groups.Count];
        Reset();
    }

    /// <summary>Whether the metric improves by falling (<see cref="PlateauMode.Min"/>, the default) or rising.</summary>
    public PlateauMode Mode
    {
        get => mode;
        init
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(ReduceOnPlateau)}: Mode is {value}; expected Min or Max.");
            mode = value;
            Reset();
        }
    }

    /// <summary>The factor a cut multiplies the rate by (PyTorch's <c>factor</c>); in [0, 1); 0.1 by default.</summary>
    public double Factor
    {
        get => factor;
        init => factor = ScheduleArguments.InRange(value, 0, 1, nameof(ReduceOnPlateau), nameof(Factor), highIncluded: false);
    }

    /// <summary>How many epochs without improvement are tolerated; the next one cuts the rate. At least 0; 10 by default.</summary>
    public int Patience
    {
        get => patience;
        init => patience = (int)ScheduleArguments.AtLeast(value, 0, nameof(ReduceOnPlateau), nameof(Patience));
    }

    /// <summary>How much better than the best a metric must be to count as an improvement (see <see cref="ThresholdMode"/>); finite, at least 0; 1e-4 by default.</summary>
    public double Threshold
    {
        get => threshold;
        init => threshold = ScheduleArguments.NonNegative(value, nameof(ReduceOnPlateau), nameof(Threshold));
    }

    /// <summary>Whether <see cref="Threshold"/> is relative to the best (the default) or absolute.</summary>
    public ThresholdMode ThresholdMode
    {
        get => thresholdMode;
        init
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(ReduceOnPlateau)}: ThresholdMode is {value}; expected Relative or Absolute.");
            thresholdMode = value;
        }
    }

    /// <summary>Epochs after a cut during which bad epochs do not count; at least 0; 0 by default.</summary>
    public int Cooldown
    {
        get => cooldown;
        init => cooldown = (int)ScheduleArguments.AtLeast(value, 0, nameof(ReduceOnPlateau), nameof(Cooldown));
    }

    /// <summary>The lowest rate a cut may set, in every group; finite, at least 0; 0 by default. See <see cref="MinLearningRates"/> for one per group.</summary>
    public double MinLearningRate
    {
        get => minLearningRates.Length == 0 ? 0 : minLearningRates[0];
        init => Array.Fill(minLearningRates, ScheduleArguments.NonNegative(value, nameof(ReduceOnPlateau), nameof(MinLearningRate)));
    }

    /// <summary>The lowest rate a cut may set, one per optimizer group (PyTorch's <c>min_lr</c> as a list).</summary>
    /// <exception cref="ArgumentException">The count differs from the optimizer's groups, or a value is negative or not finite.</exception>
    public IReadOnlyList<double> MinLearningRates
    {
        get => minLearningRates;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count != minLearningRates.Length)
            {
                throw new ArgumentException(
                    $"{nameof(ReduceOnPlateau)}: MinLearningRates has {value.Count} values; the optimizer has {minLearningRates.Length} groups.", nameof(value));
            }
            for (int i = 0; i < value.Count; i++)
                minLearningRates[i] = ScheduleArguments.NonNegative(value[i], nameof(ReduceOnPlateau), nameof(MinLearningRates));
        }
    }

    /// <summary>A cut smaller than this is skipped (PyTorch's <c>eps</c>); finite, at least 0; 1e-8 by default.</summary>
    public double Epsilon
    {
        get => epsilon;
        init => epsilon = ScheduleArguments.NonNegative(value, nameof(ReduceOnPlateau), nameof(Epsilon));
    }

    /// <summary>The best metric so far; infinitely bad before the first epoch.</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement, not counting cooldown (PyTorch's <c>num_bad_epochs</c>).</summary>
    public int BadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left.</summary>
    public int CooldownLeft { get; private set; }

    /// <summary>How many times <see cref="Step"/> has been called (PyTorch's <c>last_epoch</c>).</summary>
    public long Epochs { get; private set; }

    /// <summary>
    /// Records one epoch's <paramref name="metric"/> and cuts every group's learning rate if the
    /// plateau has lasted long enough. A NaN metric counts as no improvement. Allocates nothing.
    /// </summary>
    /// <param name="metric">The epoch's metric (validation loss in min mode, accuracy in max mode).</param>
    /// <returns>Whether any group's rate was cut.</returns>
    public bool Step(double metric)
    {
        Epochs++;
        if (IsBetter(metric))
        {
            Best = metric;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }
        if (CooldownLeft > 0)
        {
            CooldownLeft--;
            BadEpochs = 0;
        }
        if (BadEpochs <= Patience)
            return false;
        CooldownLeft = Cooldown;
        BadEpochs = 0;
        return Cut();
    }

    /// <summary>Forgets the best metric, the bad epochs and the cooldown; the optimizer's rates stay as they are.</summary>
    public void Reset()
    {
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        BadEpochs = 0;
        CooldownLeft = 0;
    }

    private bool IsBetter(double metric) => (mode, thresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => metric < Best * (1 - threshold),
        (PlateauMode.Min, _) => metric < Best - threshold,
        (_, ThresholdMode.Relative) => metric > Best * (threshold + 1),
        _ => metric > Best + threshold,
    };

    private bool Cut()
    {
        bool cut = false;
        IReadOnlyList<OptimizerGroup> groups = optimizer.Groups;
        for (int g = 0; g < groups.Count; g++)
        {
            double old = groups[g].LearningRate;
            double lowered = Math.Max(old * factor, minLearningRates[g]);
            if (old - lowered > epsilon)
            {
                groups[g].LearningRate = lowered;
                cut = true;
            }
        }
        return cut;
    }

    IReadOnlyList<string> IScalarState.ScalarNames => Names;

    double IScalarState.GetScalar(int index) => index switch
    {
        0 => Best,
        1 => BadEpochs,
        2 => CooldownLeft,
        3 => Epochs,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, $"{nameof(ReduceOnPlateau)}: scalar {index} does not exist; there are {Names.Length}."),
    };

    void IScalarState.SetScalar(int index, double value)
    {
        switch (index)
        {
            case 0:
                // ±∞ before the first epoch; NaN is never stored, since NaN is never better.
                if (double.IsNaN(value))
                    throw Invalid(index, value, "a number (infinite before the first epoch)");
                Best = value;
                break;
            case 1:
                BadEpochs = (int)Count(index, value, int.MaxValue);
                break;
            case 2:
                CooldownLeft = (int)Count(index, value, int.MaxValue);
                break;
            case 3:
                Epochs = Count(index, value, long.MaxValue);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(index), index, $"{nameof(ReduceOnPlateau)}: scalar {index} does not exist; there are {Names.Length}.");
        }
    }

    private static long Count(int index, double value, long max)
    {
        if (!(value >= 0 && value <= max && value == Math.Floor(value)))
            throw Invalid(index, value, "a whole number, 0 or more");
        return (long)value;
    }

    private static ArgumentOutOfRangeException Invalid(int index, double value, string expected) =>
        new(nameof(value), value, $"{nameof(ReduceOnPlateau)}: the saved '{Names[index]}' is {OptionCheck.Text(value)}; expected {expected}.");
}
