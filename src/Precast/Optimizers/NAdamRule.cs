using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast.Optimizers;

/// <summary>
/// One step of <see cref="NAdam{T}"/>: the first moment is the first state buffer, the second moment
/// the second; each group carries the product of the momenta <c>μ_1···μ_t</c> (PyTorch's
/// <c>mu_product</c>). Each line mirrors one tensor operation of PyTorch's <c>_single_tensor_nadam</c>
/// as corrected in 2.0 (pytorch/pytorch#92699: 1.13 multiplied <c>μ_t</c> into the next product twice).
/// </summary>
internal readonly struct NAdamRule<T> : IOptimizerRule<T, NAdamOptions, NAdamRule<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq"];

    private readonly MomentEstimates<T> moments;
    private readonly T biasCorrection2;
    private readonly T epsilon;
    private readonly T gradientScale;
    private readonly T momentScale;

    private NAdamRule(NAdamOptions options, OptimizerGroup group, long step)
    {
        double lr = group.LearningRate;
        double b1 = group.Momentum;
        moments = new MomentEstimates<T>(b1, options.Beta2);
        biasCorrection2 = TensorOps.Scalar<T>(1 - Math.Pow(options.Beta2, step));
        epsilon = TensorOps.Scalar<T>(options.Epsilon);

        // Dozat's momentum schedule. PyTorch keeps the product in a tensor of the default dtype, so it
        // rounds to the element type after each multiplication (when that is the default dtype).
        double mu = b1 * (1 - 0.5 * Math.Pow(0.96, step * options.MomentumDecay));
        double muNext = b1 * (1 - 0.5 * Math.Pow(0.96, (step + 1) * options.MomentumDecay));
        double product = double.CreateTruncating(T.CreateTruncating(group.Carried) * TensorOps.Scalar<T>(mu));
        double productNext = double.CreateTruncating(T.CreateTruncating(product) * TensorOps.Scalar<T>(muNext));
        group.Carried = product;
        gradientScale = TensorOps.Scalar<T>(-lr * (1 - mu) / (1 - product));
        momentScale = TensorOps.Scalar<T>(-lr * muNext / (1 - productNext));
    }

    public static string[] BufferNames => Names;

    public static bool Uses(NAdamOptions options, int buffer) => true;

    public static string CarriedName => "mu_product";

    public static double InitialCarried => 1;

    public static NAdamRule<T> Create(NAdamOptions options, OptimizerGroup group, long step) => new(options, group, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>
    {
        (TLanes m, TLanes v) = moments.Update(gradient, ref first, ref second);
        TLanes denominator = TLanes.Sqrt(v / TLanes.Create(biasCorrection2)) + TLanes.Create(epsilon);
        TLanes p = TensorOps.AddCDiv(parameter, gradientScale, gradient, denominator);
        return TensorOps.AddCDiv(p, momentScale, m, denominator);
    }
}
