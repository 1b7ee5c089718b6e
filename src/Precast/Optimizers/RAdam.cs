using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// RAdam (rectified Adam, Liu et al. 2019); the same update, step for step, as PyTorch's <c>torch.optim.RAdam</c> with the same arguments.
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c> (after the penalties of <see cref="OptimizerOptions"/>),
/// at step <c>t</c> counting from 1, with <c>ρ∞ = 2/(1 − β2) − 1</c> and <c>ρ_t = ρ∞ − 2t·β2^t/(1 − β2^t)</c>:</para>
/// <code>
/// m = β1·m + (1 − β1)·g
/// v = β2·v + (1 − β2)·g²
/// ρ_t &gt; 5:  r = √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))
///           p = p − lr · m/(1 − β1^t) · √(1 − β2^t)/(√v + ε) · r
/// otherwise: p = p − lr · m/(1 − β1^t)
/// </code>
/// <para>State: <c>radam.exp_avg</c> (m), <c>radam.exp_avg_sq</c> (v).</para>
/// <para><see cref="Optimizer{T, TOptions}.Step()"/> allocates nothing; the update is vectorized.</para>
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class RAdam<T> : Optimizer<T, RAdamOptions>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer for <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model whose <see cref="IModel{T}.Parameters"/> <see cref="Optimizer{T, TOptions}.Step()"/> updates.</param>
    /// <param name="options">The hyperparameters of the default group: every tensor no group in <paramref name="groups"/> selects.</param>
    /// <param name="groups">Parameter groups, selected by tensor name from the model's <see cref="IModel{T}.ParameterTensors"/>, each with its own options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, a group names a tensor the model lacks, two groups select one tensor, or the model's buffers differ in length; the message says which.</exception>
    public RAdam(IModel<T> model, RAdamOptions options, params ParameterGroup<RAdamOptions>[] groups)
        : base(nameof(RAdam<T>), model, ParameterCountOf(model, nameof(RAdam<T>)), model.ParameterTensors, options, groups, Rule<T, RAdamOptions, RAdamRule<T>>.Instance)
    {
    }

    /// <summary>
    /// Creates an optimizer for a raw buffer of <paramref name="parameterCount"/> values, stepped with
    /// <see cref="Optimizer{T, TOptions}.Step(Span{T}, ReadOnlySpan{T})"/>, all in one group.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="options">The hyperparameters.</param>
    /// <exception cref="ArgumentException">A hyperparameter or the count is out of range; the message says which.</exception>
    public RAdam(int parameterCount, RAdamOptions options)
        : base(nameof(RAdam<T>), null, parameterCount, [], options, [], Rule<T, RAdamOptions, RAdamRule<T>>.Instance)
    {
    }

    /// <summary>
    /// Creates an optimizer for a raw buffer of <paramref name="parameterCount"/> values laid out as
    /// <paramref name="tensors"/>, stepped with <see cref="Optimizer{T, TOptions}.Step(Span{T}, ReadOnlySpan{T})"/>.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="tensors">The named tensors in the buffer, as a model's <see cref="IModel{T}.ParameterTensors"/>; values outside them belong to the default group.</param>
    /// <param name="options">The hyperparameters of the default group.</param>
    /// <param name="groups">Parameter groups, selected by tensor name, each with its own options.</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, a tensor lies outside the buffer or overlaps another, a group names a tensor that does not exist, or two groups select one tensor; the message says which.</exception>
    public RAdam(int parameterCount, IReadOnlyList<ParameterTensor> tensors, RAdamOptions options, params ParameterGroup<RAdamOptions>[] groups)
        : base(nameof(RAdam<T>), null, parameterCount, tensors, options, groups, Rule<T, RAdamOptions, RAdamRule<T>>.Instance)
    {
    }
}
