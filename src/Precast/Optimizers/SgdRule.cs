using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Sgd{T}"/>; the momentum buffer is the first state buffer. Each line mirrors
/// one tensor operation of PyTorch's <c>_single_tensor_sgd</c> (1.13).
/// </summary>
internal readonly struct SgdRule<T> : IOptimizerRule<T, SgdOptions, SgdRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["momentum_buffer"];

    private readonly T negativeLearningRate;
    private readonly T momentum;
    private readonly T oneMinusDampening;
    private readonly bool hasMomentum;
    private readonly bool firstStep;
    private readonly bool nesterov;

    private SgdRule(SgdOptions options, OptimizerGroup group, long step)
    {
        negativeLearningRate = TensorOps.Scalar<T>(-group.LearningRate);
        momentum = TensorOps.Scalar<T>(group.Momentum);
        oneMinusDampening = TensorOps.Scalar<T>(1 - options.Dampening);
        hasMomentum = group.Momentum != 0;
        firstStep = step == 1;
        nesterov = options.Nesterov;
    }

    public static string[] BufferNames => Names;

    public static bool Uses(SgdOptions options, int buffer) => options.Momentum != 0;

    public static SgdRule<T> Create(SgdOptions options, OptimizerGroup group, long step) => new(options, group, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        if (hasMomentum)
        {
            // PyTorch starts the buffer as a copy of the first gradient, not as zero.
            TLanes buffer = firstStep ? gradient : TensorOps.MulAdd(TLanes.Load(in first), momentum, gradient, oneMinusDampening);
            buffer.Store(ref first);
            gradient = nesterov ? TensorOps.Add(gradient, buffer, momentum) : buffer;
        }
        return TensorOps.Add(parameter, gradient, negativeLearningRate);
    }
}
