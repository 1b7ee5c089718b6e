using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Precast.Kernels;

/// <summary>
/// Batch normalization over the channels of <c>x [batch, C, inner]</c>: <c>inner = H·W</c> for NCHW
/// feature maps (PyTorch's <c>BatchNorm2d</c>), <c>inner = 1</c> for features <c>[batch, D]</c> with
/// <c>C = D</c> (<c>BatchNorm1d</c>). Each channel <c>c</c> is normalized over its
/// <c>n = batch · inner</c> values and then scaled and shifted by its parameters:
/// <c>y = γ_c · (x − μ_c) / √(σ²_c + ε) + β_c</c>.
/// </summary>
/// <remarks>
/// <para>
/// Training (<see cref="ForwardTraining{T}"/>) normalizes with the batch's statistics, the mean
/// <c>μ = (1/n) Σ x</c> and the biased variance <c>σ² = (1/n) Σ (x − μ)²</c>, and updates the running
/// statistics as PyTorch does: <c>running_mean = (1 − momentum) · running_mean + momentum · μ</c> and
/// <c>running_var = (1 − momentum) · running_var + momentum · σ² · n/(n − 1)</c>, the unbiased variance.
/// Inference (<see cref="ForwardInference{T}"/>) normalizes with the running statistics. Keras's
/// <c>momentum</c> is PyTorch's <c>1 − momentum</c>, and Keras updates its moving variance with the
/// biased <c>σ²</c>, so its moving variance differs from this (and PyTorch's) by the factor n/(n − 1).
/// </para>
/// <para>
/// PyTorch also counts the training steps (<c>num_batches_tracked</c>, a state value in its
/// checkpoints). The kernels leave that count to the caller, which adds 1 per training forward pass;
/// PyTorch's <c>momentum=None</c> (a cumulative average) is <c>momentum = 1 / count</c> after the increment.
/// </para>
/// <para>
/// The sums over a channel's n values (50,000 for 64 samples of 28 × 28 maps) are accumulated in
/// double, two-pass for the variance, so float statistics and gradients stay within a few float
/// rounding errors of exact ones. Vectorized where the values are contiguous: within each
/// <c>inner</c>-long segment of a channel.
/// </para>
/// </remarks>
public static class BatchNorm
{
    /// <summary>
    /// Normalizes with the batch's statistics, saves what <see cref="Backward{T}"/> needs and updates
    /// the running statistics (see the class remarks): per channel <c>c</c>, <c>μ_c = (1/n) Σ x</c>,
    /// <c>σ²_c = (1/n) Σ (x − μ_c)²</c> (sums in double), <c>saved[c] = μ_c</c>,
    /// <c>saved[C + c] = 1/√(σ²_c + ε)</c>, <c>y = (x − μ_c) · γ_c/√(σ²_c + ε) + β_c</c>.
    /// <paramref name="y"/> may be <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="gamma">The scales γ, one per channel.</param>
    /// <param name="beta">The shifts β, one per channel.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <param name="saved">Receives the batch means and then the inverse standard deviations, 2 × channels values, for <see cref="Backward{T}"/>; must not overlap <paramref name="x"/> or <paramref name="y"/>.</param>
    /// <param name="runningMean">The running means, one per channel; updated.</param>
    /// <param name="runningVar">The running (unbiased) variances, one per channel; updated.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels C.</param>
    /// <param name="inner">The values per channel and sample (H·W, or 1 for plain features).</param>
    /// <param name="momentum">The weight of the batch's statistics in the running ones, in [0, 1] (PyTorch's default 0.1).</param>
    /// <param name="epsilon">Added to the variance before the square root, at least 0 and finite (PyTorch's default 1e-5).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A dimension is negative; <paramref name="momentum"/> or <paramref name="epsilon"/> is out of range; or
    /// <c>batch · inner</c> is less than 2: one value per channel has no variance to normalize by, and the
    /// unbiased variance of the running statistics divides by n − 1 = 0. (PyTorch refuses it too,
    /// "Expected more than 1 value per channel when training".)
    /// </exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or an output overlaps what it must not.</exception>
    public static void ForwardTraining<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> y, Span<T> saved,
        Span<T> runningMean, Span<T> runningVar, int batch, int channels, int inner, T momentum, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "BatchNorm.ForwardTraining";
        ValidateForward(x.Length, gamma.Length, beta.Length, y.Length, runningMean.Length, runningVar.Length, batch, channels, inner, method);
        KernelGuard.Length(saved.Length, 2 * channels, method, nameof(saved), "2 × channels");
        KernelGuard.Separate<T>(saved, x, method, nameof(saved), nameof(x));
        KernelGuard.Separate<T>(saved, y, method, nameof(saved), nameof(y));
        KernelGuard.Separate<T>(runningVar, runningMean, method, nameof(runningVar), nameof(runningMean));
        double m = double.CreateTruncating(momentum);
        KernelGuard.Scalar(m >= 0 && m <= 1, m, method, nameof(momentum), "a weight in [0, 1]");
        double eps = Epsilon(epsilon, method);
        long count = (long)batch * inner;
        if (count < 2)
            ThrowTooFewValues(batch, inner, method);

        double n = count;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int s = 0; s < batch; s++)
                sum += WideSums.Sum(Segment(x, s, c, channels, inner));
            double mean = sum / n;
            double squares = 0;
            for (int s = 0; s < batch; s++)
                squares += WideSums.SumOfSquaredDeviations(Segment(x, s, c, channels, inner), mean);
            double inverseStd = 1 / Math.Sqrt(squares / n + eps);

            T savedMean = T.CreateTruncating(mean);
            saved[c] = savedMean;
            saved[channels + c] = T.CreateTruncating(inverseStd);
            runningMean[c] = T.CreateTruncating(m * mean + (1 - m) * double.CreateTruncating(runningMean[c]));
            runningVar[c] = T.CreateTruncating(m * (squares / (n - 1)) + (1 - m) * double.CreateTruncating(runningVar[c]));

            // y = (x − μ)·scale + β, computed as (x − μ_T)·scale + (β + (μ_T − μ)·scale): the mean rounded
            // to T (as saved) is off by up to half a rounding of |μ|, which the shift takes back.
            T scale = T.CreateTruncating(double.CreateTruncating(gamma[c]) * inverseStd);
            double shift = double.CreateTruncating(beta[c]) + (double.CreateTruncating(savedMean) - mean) * double.CreateTruncating(scale);
            var normalize = new Normalize<T>(savedMean, scale, T.CreateTruncating(shift));
            for (int s = 0; s < batch; s++)
                Elementwise.Map(Segment(x, s, c, channels, inner), Segment(y, s, c, channels, inner), normalize);
        }
    }

    /// <summary>
    /// Normalizes with the running statistics: <c>y = (x − running_mean_c) · γ_c/√(running_var_c + ε) + β_c</c>.
    /// <paramref name="y"/> may be <paramref name="x"/> itself.
    /// </summary>
    /// <param name="x">The inputs, batch × channels × inner values.</param>
    /// <param name="gamma">The scales γ, one per channel.</param>
    /// <param name="beta">The shifts β, one per channel.</param>
    /// <param name="y">The outputs, as long as <paramref name="x"/>.</param>
    /// <param name="runningMean">The running means, one per channel.</param>
    /// <param name="runningVar">The running variances, one per channel.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels C.</param>
    /// <param name="inner">The values per channel and sample (H·W, or 1 for plain features).</param>
    /// <param name="epsilon">Added to the variance before the square root, at least 0 and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="epsilon"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions.</exception>
    public static void ForwardInference<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> y,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVar, int batch, int channels, int inner, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "BatchNorm.ForwardInference";
        ValidateForward(x.Length, gamma.Length, beta.Length, y.Length, runningMean.Length, runningVar.Length, batch, channels, inner, method);
        double eps = Epsilon(epsilon, method);
        for (int c = 0; c < channels; c++)
        {
            double scale = double.CreateTruncating(gamma[c]) / Math.Sqrt(double.CreateTruncating(runningVar[c]) + eps);
            var normalize = new Normalize<T>(runningMean[c], T.CreateTruncating(scale), beta[c]);
            for (int s = 0; s < batch; s++)
                Elementwise.Map(Segment(x, s, c, channels, inner), Segment(y, s, c, channels, inner), normalize);
        }
    }

    /// <summary>
    /// The gradients of <see cref="ForwardTraining{T}"/>. With <c>x̂ = (x − μ_c) · s_c</c> recomputed from
    /// <paramref name="x"/> and the saved <c>μ_c</c> and <c>s_c = 1/√(σ²_c + ε)</c>, and sums over the
    /// channel's n values (in double):
    /// <c>dβ_c += Σ dy</c>, <c>dγ_c += Σ dy · x̂</c> (always added, as every parameter gradient is), and
    /// <c>dx = (γ_c · s_c / n) · (n · dy − Σ dy − x̂ · Σ dy · x̂)</c>, written or, with
    /// <paramref name="accumulate"/>, added.
    /// </summary>
    /// <remarks>
    /// It reads the forward input <paramref name="x"/> rather than a stored <c>x̂</c>: the caller keeps
    /// <c>x</c> (an activation of batch × channels × inner values) alive until this step, and
    /// <paramref name="saved"/> (2 × channels values) from the forward pass; no normalized copy is stored.
    /// Each channel's sums are taken before its <paramref name="dx"/> is written, so without
    /// <paramref name="accumulate"/> <paramref name="dx"/> may be <paramref name="dy"/> itself.
    /// </remarks>
    /// <param name="x">The forward inputs, batch × channels × inner values.</param>
    /// <param name="saved">What <see cref="ForwardTraining{T}"/> saved: the means, then the inverse standard deviations.</param>
    /// <param name="gamma">The scales γ, one per channel.</param>
    /// <param name="dy">The gradient with respect to the outputs, as long as <paramref name="x"/>.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs: as long as <paramref name="x"/>, or empty when not needed (that work is skipped). Must not overlap <paramref name="x"/> or <paramref name="saved"/>.</param>
    /// <param name="dGamma">The gradient with respect to γ, one per channel; added to.</param>
    /// <param name="dBeta">The gradient with respect to β, one per channel; added to.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels C.</param>
    /// <param name="inner">The values per channel and sample.</param>
    /// <param name="accumulate">
    /// Whether to add the input gradient to what <paramref name="dx"/> holds (<c>dx += …</c>, for an
    /// input read by several layers) instead of overwriting it; then it must not overlap <paramref name="dy"/> either.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or an output overlaps what it must not.</exception>
    public static void Backward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> saved, ReadOnlySpan<T> gamma, ReadOnlySpan<T> dy, Span<T> dx,
        Span<T> dGamma, Span<T> dBeta, int batch, int channels, int inner, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "BatchNorm.Backward";
        Validate(x.Length, batch, channels, inner, method);
        KernelGuard.Length(gamma.Length, channels, method, nameof(gamma), nameof(channels));
        KernelGuard.Length(saved.Length, 2 * channels, method, nameof(saved), "2 × channels");
        KernelGuard.SameLength(dy.Length, x.Length, method, nameof(dy), nameof(x));
        KernelGuard.SameLengthOrEmpty(dx.Length, x.Length, method, nameof(dx), nameof(x));
        KernelGuard.Length(dGamma.Length, channels, method, nameof(dGamma), nameof(channels));
        KernelGuard.Length(dBeta.Length, channels, method, nameof(dBeta), nameof(channels));
        KernelGuard.Separate<T>(dx, x, method, nameof(dx), nameof(x));
        KernelGuard.Separate<T>(dx, saved, method, nameof(dx), nameof(saved));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dBeta, dGamma, method, nameof(dBeta), nameof(dGamma));

        double n = (double)batch * inner;
        for (int c = 0; c < channels; c++)
        {
            T mean = saved[c];
            double center = double.CreateTruncating(mean);
            double inverseStd = double.CreateTruncating(saved[channels + c]);
            double sumDy = 0, sumDyCentered = 0; // Σ dy and Σ dy · (x − μ)
            for (int s = 0; s < batch; s++)
                WideSums.AddSums(Segment(dy, s, c, channels, inner), Segment(x, s, c, channels, inner), center, ref sumDy, ref sumDyCentered);
            dBeta[c] += T.CreateTruncating(sumDy);
            dGamma[c] += T.CreateTruncating(sumDyCentered * inverseStd);
            if (dx.IsEmpty)
                continue;

            // dx = k · dy + slope · (x − μ) + offset, with k = γ·s, offset = −k·Σdy/n and
            // slope = −k·s²·Σdy(x − μ)/n (the x̂ · Σ dy·x̂ term with x̂ = (x − μ)·s).
            double k = double.CreateTruncating(gamma[c]) * inverseStd;
            var gradient = new InputGradient<T>(
                mean, T.CreateTruncating(k), T.CreateTruncating(-k * inverseStd * inverseStd * sumDyCentered / n), T.CreateTruncating(-k * sumDy / n));
            for (int s = 0; s < batch; s++)
                Elementwise.Map(Segment(dy, s, c, channels, inner), Segment(x, s, c, channels, inner), Segment(dx, s, c, channels, inner), gradient, accumulate);
        }
    }

    /// <summary>
    /// The gradients of <see cref="ForwardInference{T}"/>, where the statistics are constants (the
    /// running ones), so the input gradient is a per-channel scale: with
    /// <c>s_c = 1/√(running_var_c + ε)</c>, <c>dβ_c += Σ dy</c>, <c>dγ_c += Σ dy · (x − running_mean_c) · s_c</c>
    /// and <c>dx = γ_c · s_c · dy</c>, written or, with <paramref name="accumulate"/>, added. This is what
    /// back-propagating through a model in inference mode computes (fine-tuning with frozen statistics,
    /// saliency maps), as PyTorch does after <c>model.eval()</c>.
    /// </summary>
    /// <param name="x">The forward inputs, batch × channels × inner values.</param>
    /// <param name="gamma">The scales γ, one per channel.</param>
    /// <param name="runningMean">The running means the forward pass used.</param>
    /// <param name="runningVar">The running variances the forward pass used.</param>
    /// <param name="dy">The gradient with respect to the outputs, as long as <paramref name="x"/>.</param>
    /// <param name="dx">Receives the gradient with respect to the inputs, as long as <paramref name="x"/>, or empty when not needed.</param>
    /// <param name="dGamma">The gradient with respect to γ, one per channel; added to.</param>
    /// <param name="dBeta">The gradient with respect to β, one per channel; added to.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">The number of channels C.</param>
    /// <param name="inner">The values per channel and sample.</param>
    /// <param name="epsilon">The forward pass's ε.</param>
    /// <param name="accumulate">Whether to add the input gradient to what <paramref name="dx"/> holds instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="epsilon"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the dimensions, or an output overlaps what it must not.</exception>
    public static void BackwardInference<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVar, ReadOnlySpan<T> dy, Span<T> dx,
        Span<T> dGamma, Span<T> dBeta, int batch, int channels, int inner, T epsilon, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string method = "BatchNorm.BackwardInference";
        Validate(x.Length, batch, channels, inner, method);
        KernelGuard.Length(gamma.Length, channels, method, nameof(gamma), nameof(channels));
        KernelGuard.Length(runningMean.Length, channels, method, nameof(runningMean), nameof(channels));
        KernelGuard.Length(runningVar.Length, channels, method, nameof(runningVar), nameof(channels));
        KernelGuard.SameLength(dy.Length, x.Length, method, nameof(dy), nameof(x));
        KernelGuard.SameLengthOrEmpty(dx.Length, x.Length, method, nameof(dx), nameof(x));
        KernelGuard.Length(dGamma.Length, channels, method, nameof(dGamma), nameof(channels));
        KernelGuard.Length(dBeta.Length, channels, method, nameof(dBeta), nameof(channels));
        KernelGuard.Separate<T>(dx, x, method, nameof(dx), nameof(x));
        KernelGuard.SeparateWhenAccumulating<T>(accumulate, dx, dy, method, nameof(dx), nameof(dy));
        KernelGuard.Separate<T>(dBeta, dGamma, method, nameof(dBeta), nameof(dGamma));
        double eps = Epsilon(epsilon, method);

        for (int c = 0; c < channels; c++)
        {
            T mean = runningMean[c];
            double inverseStd = 1 / Math.Sqrt(double.CreateTruncating(runningVar[c]) + eps);
            double sumDy = 0, sumDyCentered = 0;
            for (int s = 0; s < batch; s++)
                WideSums.AddSums(Segment(dy, s, c, channels, inner), Segment(x, s, c, channels, inner), double.CreateTruncating(mean), ref sumDy, ref sumDyCentered);
            dBeta[c] += T.CreateTruncating(sumDy);
            dGamma[c] += T.CreateTruncating(sumDyCentered * inverseStd);
            if (dx.IsEmpty)
                continue;
            // The statistics do not depend on x here: dx is dy scaled, without the batch terms of Backward.
            var gradient = new InputGradient<T>(mean, T.CreateTruncating(double.CreateTruncating(gamma[c]) * inverseStd), T.Zero, T.Zero);
            for (int s = 0; s < batch; s++)
                Elementwise.Map(Segment(dy, s, c, channels, inner), Segment(x, s, c, channels, inner), Segment(dx, s, c, channels, inner), gradient, accumulate);
        }
    }

    /// <summary>Sample <paramref name="s"/>'s values of channel <paramref name="c"/>: <c>inner</c> contiguous values.</summary>
    private static Span<T> Segment<T>(Span<T> tensor, int s, int c, int channels, int inner)
        => tensor.Slice((s * channels + c) * inner, inner);

    /// <inheritdoc cref="Segment{T}(Span{T}, int, int, int, int)"/>
    private static ReadOnlySpan<T> Segment<T>(ReadOnlySpan<T> tensor, int s, int c, int channels, int inner)
        => tensor.Slice((s * channels + c) * inner, inner);

    private static void Validate(int xLength, int batch, int channels, int inner, string method)
    {
        KernelGuard.Dimension(batch, method, nameof(batch));
        KernelGuard.Dimension(channels, method, nameof(channels));
        KernelGuard.Dimension(inner, method, nameof(inner));
        KernelGuard.Tensor(xLength, batch, channels, inner, method, "x", nameof(batch), nameof(channels), nameof(inner));
    }

    /// <summary>The checks both forward passes make: the dimensions and every span but <c>saved</c>.</summary>
    private static void ValidateForward(
        int xLength, int gammaLength, int betaLength, int yLength, int runningMeanLength, int runningVarLength,
        int batch, int channels, int inner, string method)
    {
        Validate(xLength, batch, channels, inner, method);
        KernelGuard.Length(gammaLength, channels, method, "gamma", nameof(channels));
        KernelGuard.Length(betaLength, channels, method, "beta", nameof(channels));
        KernelGuard.SameLength(yLength, xLength, method, "y", "x");
        KernelGuard.Length(runningMeanLength, channels, method, "runningMean", nameof(channels));
        KernelGuard.Length(runningVarLength, channels, method, "runningVar", nameof(channels));
    }

    private static double Epsilon<T>(T epsilon, string method)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = double.CreateTruncating(epsilon);
        KernelGuard.Scalar(eps >= 0 && double.IsFinite(eps), eps, method, nameof(epsilon), "a finite value of 0 or more");
        return eps;
    }

    [DoesNotReturn]
    private static void ThrowTooFewValues(int batch, int inner, string method)
        => throw new ArgumentOutOfRangeException(
            nameof(batch), batch,
            $"{method}: batch × inner = {batch} × {inner} = {(long)batch * inner} value(s) per channel; training needs at least 2, " +
            "since one value has no variance to normalize by and the running variance's unbiased estimate divides by n - 1 " +
            "(PyTorch refuses it too: 'Expected more than 1 value per channel when training'). Train with batches of 2 or more samples.");

    /// <summary><c>y = (x − mean) · scale + shift</c>.</summary>
    private readonly struct Normalize<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _mean, _scale, _shift;
        private readonly Vector<T> _meanVector, _scaleVector, _shiftVector;

        public Normalize(T mean, T scale, T shift)
        {
            (_mean, _scale, _shift) = (mean, scale, shift);
            (_meanVector, _scaleVector, _shiftVector) = (Vector.Create(mean), Vector.Create(scale), Vector.Create(shift));
        }

        public T Invoke(T x) => (x - _mean) * _scale + _shift;

        public Vector<T> Invoke(Vector<T> x) => VectorMath.MultiplyAdd(x - _meanVector, _scaleVector, _shiftVector);
    }

    /// <summary><c>dx = k · dy + slope · (x − mean) + offset</c>, of (dy, x).</summary>
    private readonly struct InputGradient<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _mean, _k, _slope, _offset;
        private readonly Vector<T> _meanVector, _kVector, _slopeVector, _offsetVector;

        public InputGradient(T mean, T k, T slope, T offset)
        {
            (_mean, _k, _slope, _offset) = (mean, k, slope, offset);
            (_meanVector, _kVector, _slopeVector, _offsetVector) = (Vector.Create(mean), Vector.Create(k), Vector.Create(slope), Vector.Create(offset));
        }

        public T Invoke(T dy, T x) => _k * dy + (_slope * (x - _mean) + _offset);

        public Vector<T> Invoke(Vector<T> dy, Vector<T> x)
            => VectorMath.MultiplyAdd(_kVector, dy, VectorMath.MultiplyAdd(x - _meanVector, _slopeVector, _offsetVector));
    }
}
