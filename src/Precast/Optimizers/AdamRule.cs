using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="Adam{T}"/>: the first moment is the first state buffer, the second moment
/// the second, the running maximum of the second moment (AMSGrad) the third. Each line mirrors one
/// tensor operation of PyTorch's <c>_single_tensor_adam</c> / <c>_single_tensor_adamw</c> (1.13).
/// </summary>
internal readonly struct AdamRule<T> : IOptimizerRule<T, AdamOptions, AdamRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    private readonly MomentEstimates<T> moments;
    private readonly T biasCorrection2Sqrt;
    private readonly T epsilon;
    private readonly T negativeStepSize;
    private readonly bool amsgrad;

    private AdamRule(AdamOptions options, OptimizerGroup group, long step)
    {
        double beta1 = group.Momentum;
        moments = new MomentEstimates<T>(beta1, options.Beta2);
        biasCorrection2Sqrt = TensorOps.Scalar<T>(Math.Sqrt(1 - Math.Pow(options.Beta2, step)));
        epsilon = TensorOps.Scalar<T>(options.Epsilon);
        negativeStepSize = TensorOps.Scalar<T>(-(group.LearningRate / (1 - Math.Pow(beta1, step))));
        amsgrad = options.Amsgrad;
    }

    public static string[] BufferNames => Names;

    public static bool Uses(AdamOptions options, int buffer) => buffer < 2 || options.Amsgrad;

    public static AdamRule<T> Create(AdamOptions options, OptimizerGroup group, long step) => new(options, group, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        (TLanes m, TLanes v) = moments.Update(gradient, ref first, ref second);
        if (amsgrad)
        {
            v = TLanes.Max(TLanes.Load(in third), v);
            v.Store(ref third);
        }
        TLanes denominator = TLanes.Sqrt(v) / TLanes.Create(biasCorrection2Sqrt) + TLanes.Create(epsilon);
        return TensorOps.AddCDiv(parameter, negativeStepSize, m, denominator);
    }
}
