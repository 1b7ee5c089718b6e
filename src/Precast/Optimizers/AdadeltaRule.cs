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

    private readonly Regularization<T> regularization;
    private readonly T rho;
    private readonly T oneMinusRho;
    private readonly T epsilon;
    private readonly T negativeLearningRate;

    private AdadeltaRule(AdadeltaOptions options, OptimizerGroup group)
    {
        regularization = new Regularization<T>(options, group.LearningRate);
        rho = TensorOps.Scalar<T>(options.Rho);
        oneMinusRho = TensorOps.Scalar<T>(1 - options.Rho);
        epsilon = TensorOps.Scalar<T>(options.Epsilon);
        negativeLearningRate = TensorOps.Scalar<T>(-group.LearningRate);
    }

    public static string[] BufferNames => Names;

    public static bool Uses(AdadeltaOptions options, int buffer) => true;

    public static AdadeltaRule<T> Create(AdadeltaOptions options, OptimizerGroup group, long step) => new(options, group);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply<TLanes>(ref T parameter, ref readonly T gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes p = TLanes.Load(in parameter);
        TLanes g = TLanes.Load(in gradient);
        regularization.Apply(ref p, ref g);
        TLanes eps = TLanes.Create(epsilon);
        TLanes squareAverage = TensorOps.AddCMul(TLanes.Load(in first) * TLanes.Create(rho), oneMinusRho, g, g);
        squareAverage.Store(ref first);
        TLanes standardDeviation = TLanes.Sqrt(squareAverage + eps);
        TLanes accumulated = TLanes.Load(in second);
        TLanes delta = TLanes.Sqrt(accumulated + eps) / standardDeviation * g;
        TensorOps.AddCMul(accumulated * TLanes.Create(rho), oneMinusRho, delta, delta).Store(ref second);
        TensorOps.Add(p, delta, negativeLearningRate).Store(ref parameter);
    }
}
