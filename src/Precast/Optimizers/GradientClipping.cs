using System.Numerics;
using System.Numerics.Tensors;

namespace Precast.Optimizers;

/// <summary>
/// Gradient clipping, as PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>:
/// call it between computing the gradients (<c>TrainStep</c>) and <see cref="IOptimizer.Step"/>. Works in
/// place on a flat gradient buffer (a model's <see cref="IModel{T}.Gradients"/>, or a slice of it), so
/// the norm is the global norm over every parameter. Vectorized; allocates nothing.
/// </summary>
public static class GradientClipping
{
    /// <summary>The term PyTorch adds to the norm before dividing by it.</summary>
    private const double NormEpsilon = 1e-6;

    /// <summary>
    /// Scales <paramref name="gradients"/> so that their norm is at most <paramref name="maxNorm"/>,
    /// as <c>clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)</c>: by
    /// <c>min(1, maxNorm / (norm + 1e-6))</c>. Returns the norm before clipping.
    /// </summary>
    /// <remarks>
    /// The norm is summed in double with compensation (<c>Σ g²</c> over a million float gradients is
    /// exact to about 1e-16 relative), then the coefficient is formed in <typeparamref name="T"/> as
    /// PyTorch forms it. A NaN or infinite norm makes every gradient NaN (or zero), as in PyTorch, unless
    /// <paramref name="errorIfNonFinite"/> asks for an exception instead.
    /// </remarks>
    /// <param name="gradients">The gradients, scaled in place.</param>
    /// <param name="maxNorm">The largest norm allowed; finite, at least 0.</param>
    /// <param name="normType">The <c>p</c> of the p-norm: 2 (Euclidean, the default), 1, any other positive value, or <see cref="double.PositiveInfinity"/> (largest magnitude).</param>
    /// <param name="errorIfNonFinite">Throw, leaving the gradients untouched, when the norm is NaN or infinite.</param>
    /// <returns>The norm of <paramref name="gradients"/> before clipping, as an accurate double.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="errorIfNonFinite"/> and the norm is NaN or infinite.</exception>
    public static double ClipByNorm<T>(Span<T> gradients, double maxNorm, double normType = 2, bool errorIfNonFinite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!double.IsFinite(maxNorm) || maxNorm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm,
                $"GradientClipping.ClipByNorm: maxNorm is {OptionCheck.Text(maxNorm)}; expected a finite value of at least 0.");
        }
        double norm = Norm((ReadOnlySpan<T>)gradients, normType);
        if (errorIfNonFinite && !double.IsFinite(norm))
        {
            throw new InvalidOperationException(
                $"GradientClipping.ClipByNorm: the {OptionCheck.Text(normType)}-norm of the {gradients.Length} gradients is {OptionCheck.Text(norm)}, " +
                "so they cannot be clipped; some gradient is NaN or infinite (look for a loss that diverged).");
        }
        // clip_coef = max_norm / (total_norm + 1e-6), clamped to at most 1, in the gradients' type.
        T coefficient = T.Min(T.CreateTruncating(maxNorm) / (T.CreateTruncating(norm) + T.CreateTruncating(NormEpsilon)), T.One);
        // Multiplying by 1 changes nothing, NaN and infinities included.
        if (coefficient != T.One)
            TensorPrimitives.Multiply(gradients, coefficient, gradients);
        return norm;
    }

    /// <summary>Clips the gradients of <paramref name="model"/> by their global norm: <see cref="ClipByNorm{T}(Span{T}, double, double, bool)"/> on <see cref="IModel{T}.Gradients"/>.</summary>
    /// <param name="model">The model whose gradients are clipped.</param>
    /// <param name="maxNorm">The largest norm allowed; finite, at least 0.</param>
    /// <param name="normType">The <c>p</c> of the p-norm (2 by default).</param>
    /// <param name="errorIfNonFinite">Throw when the norm is NaN or infinite.</param>
    /// <returns>The norm before clipping.</returns>
    public static double ClipByNorm<T>(IModel<T> model, double maxNorm, double normType = 2, bool errorIfNonFinite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return ClipByNorm(model.Gradients, maxNorm, normType, errorIfNonFinite);
    }

    /// <summary>
    /// Clamps every gradient into [−<paramref name="clipValue"/>, <paramref name="clipValue"/>], as
    /// <c>clip_grad_value_(parameters, clip_value)</c>. A NaN gradient stays NaN.
    /// </summary>
    /// <param name="gradients">The gradients, clamped in place.</param>
    /// <param name="clipValue">The largest magnitude allowed; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative, infinite or NaN.</exception>
    public static void ClipByValue<T>(Span<T> gradients, double clipValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!double.IsFinite(clipValue) || clipValue < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue,
                $"GradientClipping.ClipByValue: clipValue is {OptionCheck.Text(clipValue)}; expected a finite value of at least 0.");
        }
        T limit = T.CreateTruncating(clipValue);
        TensorPrimitives.Clamp(gradients, -limit, limit, gradients);
    }

    /// <summary>Clamps the gradients of <paramref name="model"/>: <see cref="ClipByValue{T}(Span{T}, double)"/> on <see cref="IModel{T}.Gradients"/>.</summary>
    /// <param name="model">The model whose gradients are clamped.</param>
    /// <param name="clipValue">The largest magnitude allowed; finite, at least 0.</param>
    public static void ClipByValue<T>(IModel<T> model, double clipValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ClipByValue(model.Gradients, clipValue);
    }

    /// <summary>
    /// The p-norm of <paramref name="values"/> (<c>torch.linalg.vector_norm</c>), summed in double
    /// with compensation: <c>(Σ|x|^p)^(1/p)</c>, or the largest magnitude for p = ∞. NaN if any value is NaN.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="normType">The <c>p</c>: positive, or <see cref="double.PositiveInfinity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normType"/> is not positive.</exception>
    public static double Norm<T>(ReadOnlySpan<T> values, double normType = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(normType > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType,
                $"GradientClipping: normType is {OptionCheck.Text(normType)}; expected a positive p, or infinity for the largest magnitude.");
        }
        if (values.IsEmpty)
            return 0;
        if (double.IsPositiveInfinity(normType))
            return LargestMagnitude(values);
        if (normType == 2)
            return Math.Sqrt(CompensatedSum.OfSquares(values));
        if (normType == 1)
            return CompensatedSum.OfMagnitudes(values);
        return Math.Pow(CompensatedSum.OfPowers(values, normType), 1 / normType);
    }

    private static double LargestMagnitude<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // MaxMagnitude returns NaN if any value is NaN, as torch's max does.
        return Math.Abs(double.CreateTruncating(TensorPrimitives.MaxMagnitude(values)));
    }
}
