using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Adadelta{T}"/>: the mean of squared gradients is the first state buffer,
/// the mean of squared updates the second. Each line mirrors one tensor operation of PyTorch's
/// <c>_single_tensor_adadelta</c> (1.13).
/// </summary>
internal readonly struct AdadeltaRule<T> : IOptimizerRule<T, AdadeltaOptions, AdadeltaRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["square_avg", "acc_delta"];

    private readonly ExponentialAverage<T> average;
    private readonly T epsilon;
    private readonly T negativeLearningRate;

    private AdadeltaRule(AdadeltaOptions options, OptimizerGroup group)
    {
        average = new ExponentialAverage<T>(options.Rho);
        epsilon = TensorOps.Scalar<T>(options.Epsilon);
        negativeLearningRate = TensorOps.Scalar<T>(-group.LearningRate);
    }

    public static string[] BufferNames => Names;

    public static bool Uses(AdadeltaOptions options, int buffer) => true;

    public static AdadeltaRule<T> Create(AdadeltaOptions options, OptimizerGroup group, long step) => new(options, group);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes eps = TLanes.Create(epsilon);
        TLanes squareAverage = average.OfSquares(TLanes.Load(in first), gradient);
        squareAverage.Store(ref first);
        TLanes standardDeviation = TLanes.Sqrt(squareAverage + eps);
        TLanes accumulated = TLanes.Load(in second);
        TLanes delta = TLanes.Sqrt(accumulated + eps) / standardDeviation * gradient;
        average.OfSquares(accumulated, delta).Store(ref second);
        return TensorOps.Add(parameter, delta, negativeLearningRate);
    }
}
