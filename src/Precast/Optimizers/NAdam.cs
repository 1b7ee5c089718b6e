using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// NAdam (Adam with Nesterov momentum, Dozat 2016); the same update, step for step, as PyTorch's <c>torch.optim.NAdam</c> (2.0 and later) with the same arguments.
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c> (after the penalties of <see cref="OptimizerOptions"/>),
/// at step <c>t</c> counting from 1, with <c>μ_t = β1·(1 − 0.5·0.96^(t·ψ))</c>:</para>
/// <code>
/// m = β1·m + (1 − β1)·g
/// v = β2·v + (1 − β2)·g²
/// d = √(v / (1 − β2^t)) + ε
/// p = p − lr·(1 − μ_t)/(1 − μ_1···μ_t) · g/d − lr·μ_(t+1)/(1 − μ_1···μ_(t+1)) · m/d
/// </code>
/// <para>PyTorch 1.13 multiplied <c>μ_t</c> into the last product twice; 2.0 corrected it
/// (pytorch/pytorch#92699), and this follows the correction.</para>
/// <para>State: <c>nadam.exp_avg</c> (m), <c>nadam.exp_avg_sq</c> (v), and per group <c>nadam.groupN.mu_product</c>.</para>
/// <para><see cref="Optimizer{T, TOptions}.Step()"/> allocates nothing; the update is vectorized.</para>
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class NAdam<T> : Optimizer<T, NAdamOptions>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer for <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model whose <see cref="IModel{T}.Parameters"/> <see cref="Optimizer{T, TOptions}.Step()"/> updates.</param>
    /// <param name="options">The hyperparameters of the default group: every tensor no group in <paramref name="groups"/> selects.</param>
    /// <param name="groups">Parameter groups, selected by tensor name from the model's <see cref="IModel{T}.ParameterTensors"/>, each with its own options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, a group names a tensor the model lacks, two groups select one tensor, or the model's buffers differ in length; the message says which.</exception>
    public NAdam(IModel<T> model, NAdamOptions options, params ParameterGroup<NAdamOptions>[] groups)
        : base(nameof(NAdam<T>), model, ParameterCountOf(model, nameof(NAdam<T>)), model.ParameterTensors, options, groups, Rule<T, NAdamOptions, NAdamRule<T>>.Instance)
    {
    }

    /// <summary>
    /// Creates an optimizer for a raw buffer of <paramref name="parameterCount"/> values, stepped with
    /// <see cref="Optimizer{T, TOptions}.Step(Span{T}, ReadOnlySpan{T})"/>, all in one group.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="options">The hyperparameters.</param>
    /// <exception cref="ArgumentException">A hyperparameter or the count is out of range; the message says which.</exception>
    public NAdam(int parameterCount, NAdamOptions options)
        : base(nameof(NAdam<T>), null, parameterCount, [], options, [], Rule<T, NAdamOptions, NAdamRule<T>>.Instance)
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
    public NAdam(int parameterCount, IReadOnlyList<ParameterTensor> tensors, NAdamOptions options, params ParameterGroup<NAdamOptions>[] groups)
        : base(nameof(NAdam<T>), null, parameterCount, tensors, options, groups, Rule<T, NAdamOptions, NAdamRule<T>>.Instance)
    {
    }
}
