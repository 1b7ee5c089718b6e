using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="RAdam{T}"/>: the first moment is the first state buffer, the second moment
/// the second. Each line mirrors one tensor operation of PyTorch's <c>_single_tensor_radam</c> (1.13).
/// </summary>
internal readonly struct RAdamRule<T> : IOptimizerRule<T, RAdamOptions, RAdamRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq"];

    private readonly MomentEstimates<T> moments;
    private readonly T biasCorrection1;
    private readonly T learningRate;
    private readonly T biasCorrection2Sqrt;
    private readonly T epsilon;
    private readonly T rectification;
    private readonly bool rectified;

    private RAdamRule(RAdamOptions options, OptimizerGroup group, long step)
    {
        double lr = group.LearningRate;
        double b1 = group.Momentum;
        double b2 = options.Beta2;
        moments = new MomentEstimates<T>(b1, b2);
        biasCorrection1 = TensorOps.Scalar<T>(1 - Math.Pow(b1, step));
        double bias2 = 1 - Math.Pow(b2, step);
        learningRate = TensorOps.Scalar<T>(lr);
        biasCorrection2Sqrt = TensorOps.Scalar<T>(Math.Sqrt(bias2));
        epsilon = TensorOps.Scalar<T>(options.Epsilon);

        // The length of the approximated simple moving average, and its limit; the variance of the
        // adaptive rate is tractable (and rectified) only once the length exceeds 5.
        double rhoInfinity = 2 / (1 - b2) - 1;
        double rho = rhoInfinity - 2 * step * Math.Pow(b2, step) / bias2;
        rectified = rho > 5;
        rectification = TensorOps.Scalar<T>(rectified
            ? Math.Sqrt((rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho))
            : 0);
    }

    public static string[] BufferNames => Names;

    public static bool Uses(RAdamOptions options, int buffer) => true;

    public static RAdamRule<T> Create(RAdamOptions options, OptimizerGroup group, long step) => new(options, group, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        (TLanes m, TLanes v) = moments.Update(gradient, ref first, ref second);
        TLanes update = m / TLanes.Create(biasCorrection1) * TLanes.Create(learningRate);
        if (rectified)
        {
            // sqrt(bias_correction2) / (sqrt(v) + eps): PyTorch divides a number by a tensor as reciprocal times number.
            TLanes adaptiveRate = TLanes.Create(T.One) / (TLanes.Sqrt(v) + TLanes.Create(epsilon)) * TLanes.Create(biasCorrection2Sqrt);
            update = update * adaptiveRate * TLanes.Create(rectification);
        }
        return parameter - update;
    }
}
