using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="RmsProp{T}"/>: the mean of squared gradients is the first state buffer, the
/// momentum buffer the second, the mean of gradients (centered) the third. Each line mirrors one
/// tensor operation of PyTorch's <c>_single_tensor_rmsprop</c> (1.13).
/// </summary>
internal readonly struct RmsPropRule<T> : IOptimizerRule<T, RmsPropOptions, RmsPropRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["square_avg", "momentum_buffer", "grad_avg"];

    private readonly ExponentialAverage<T> average;
    private readonly T epsilon;
    private readonly T momentum;
    private readonly T negativeLearningRate;
    private readonly bool hasMomentum;
    private readonly bool centered;

    private RmsPropRule(RmsPropOptions options, OptimizerGroup group)
    {
        average = new ExponentialAverage<T>(options.Alpha);
        epsilon = TensorOps.Scalar<T>(options.Epsilon);
        momentum = TensorOps.Scalar<T>(group.Momentum);
        negativeLearningRate = TensorOps.Scalar<T>(-group.LearningRate);
        hasMomentum = group.Momentum > 0;
        centered = options.Centered;
    }

    public static string[] BufferNames => Names;

    public static bool Uses(RmsPropOptions options, int buffer) => buffer switch
    {
        0 => true,
        1 => options.Momentum > 0,
        _ => options.Centered,
    };

    public static RmsPropRule<T> Create(RmsPropOptions options, OptimizerGroup group, long step) => new(options, group);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes squareAverage = average.OfSquares(TLanes.Load(in first), gradient);
        squareAverage.Store(ref first);
        TLanes denominator;
        if (centered)
        {
            TLanes gradientAverage = average.Of(TLanes.Load(in third), gradient);
            gradientAverage.Store(ref third);
            denominator = TLanes.Sqrt(TensorOps.AddCMul(squareAverage, T.NegativeOne, gradientAverage, gradientAverage));
        }
        else
        {
            denominator = TLanes.Sqrt(squareAverage);
        }
        denominator += TLanes.Create(epsilon);
        if (!hasMomentum)
            return TensorOps.AddCDiv(parameter, negativeLearningRate, gradient, denominator);
        TLanes buffer = TensorOps.AddCDiv(TLanes.Load(in second) * TLanes.Create(momentum), T.One, gradient, denominator);
        buffer.Store(ref second);
        return TensorOps.Add(parameter, buffer, negativeLearningRate);
    }
}
