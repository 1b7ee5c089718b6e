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

    private readonly Regularization<T> regularization;
    private readonly T alpha;
    private readonly T oneMinusAlpha;
    private readonly T epsilon;
    private readonly T momentum;
    private readonly T negativeLearningRate;
    private readonly bool hasMomentum;
    private readonly bool centered;

    private RmsPropRule(RmsPropOptions options, OptimizerGroup group)
    {
        regularization = new Regularization<T>(options, group.LearningRate);
        alpha = TensorOps.Scalar<T>(options.Alpha);
        oneMinusAlpha = TensorOps.Scalar<T>(1 - options.Alpha);
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
    public void Apply<TLanes>(ref T parameter, ref readonly T gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes p = TLanes.Load(in parameter);
        TLanes g = TLanes.Load(in gradient);
        regularization.Apply(ref p, ref g);
        TLanes squareAverage = TensorOps.AddCMul(TLanes.Load(in first) * TLanes.Create(alpha), oneMinusAlpha, g, g);
        squareAverage.Store(ref first);
        TLanes average;
        if (centered)
        {
            TLanes gradientAverage = TensorOps.MulAdd(TLanes.Load(in third), alpha, g, oneMinusAlpha);
            gradientAverage.Store(ref third);
            average = TLanes.Sqrt(TensorOps.AddCMul(squareAverage, T.NegativeOne, gradientAverage, gradientAverage));
        }
        else
        {
            average = TLanes.Sqrt(squareAverage);
        }
        average += TLanes.Create(epsilon);
        if (hasMomentum)
        {
            TLanes buffer = TensorOps.AddCDiv(TLanes.Load(in second) * TLanes.Create(momentum), T.One, g, average);
            buffer.Store(ref second);
            TensorOps.Add(p, buffer, negativeLearningRate).Store(ref parameter);
        }
        else
        {
            TensorOps.AddCDiv(p, negativeLearningRate, g, average).Store(ref parameter);
        }
    }
}
