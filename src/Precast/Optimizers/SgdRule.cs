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

    private readonly Regularization<T> regularization;
    private readonly T negativeLearningRate;
    private readonly T momentum;
    private readonly T oneMinusDampening;
    private readonly bool hasMomentum;
    private readonly bool firstStep;
    private readonly bool nesterov;

    private SgdRule(SgdOptions options, OptimizerGroup group, long step)
    {
        regularization = new Regularization<T>(options, group.LearningRate);
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
    public void Apply<TLanes>(ref T parameter, ref readonly T gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        TLanes p = TLanes.Load(in parameter);
        TLanes g = TLanes.Load(in gradient);
        regularization.Apply(ref p, ref g);
        if (hasMomentum)
        {
            // PyTorch starts the buffer as a copy of the first gradient, not as zero.
            TLanes buffer = firstStep ? g : TensorOps.MulAdd(TLanes.Load(in first), momentum, g, oneMinusDampening);
            buffer.Store(ref first);
            g = nesterov ? TensorOps.Add(g, buffer, momentum) : buffer;
        }
        TensorOps.Add(p, g, negativeLearningRate).Store(ref parameter);
    }
}
