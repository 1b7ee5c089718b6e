using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Adagrad{T}"/>; the sum of squared gradients is the first state buffer,
/// starting from <see cref="AdagradOptions.InitialAccumulatorValue"/>. Each line mirrors one tensor
/// operation of PyTorch's <c>_single_tensor_adagrad</c> (1.13).
/// </summary>
internal readonly struct AdagradRule<T> : IOptimizerRule<T, AdagradOptions, AdagradRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["sum"];

    private readonly T epsilon;
    private readonly T negativeDecayedRate;

    private AdagradRule(AdagradOptions options, OptimizerGroup group, long step)
    {
        epsilon = TensorOps.Scalar<T>(options.Epsilon);
        // clr = lr / (1 + (step - 1) * lr_decay)
        negativeDecayedRate = TensorOps.Scalar<T>(-(group.LearningRate / (1 + (step - 1) * options.LearningRateDecay)));
    }

    public static string[] BufferNames => Names;

    public static bool Uses(AdagradOptions options, int buffer) => true;

    public static double InitialValue(AdagradOptions options, int buffer) => options.InitialAccumulatorValue;

    public static AdagradRule<T> Create(AdagradOptions options, OptimizerGroup group, long step) => new(options, group, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes sum = TensorOps.AddCMul(TLanes.Load(in first), T.One, gradient, gradient);
        sum.Store(ref first);
        TLanes standardDeviation = TLanes.Sqrt(sum) + TLanes.Create(epsilon);
        return TensorOps.AddCDiv(parameter, negativeDecayedRate, gradient, standardDeviation);
    }
}
