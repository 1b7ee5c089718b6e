using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// Adadelta; the same update, step for step, as PyTorch's <c>torch.optim.Adadelta</c> with the same arguments.
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c> (after the penalties of <see cref="OptimizerOptions"/>):</para>
/// <code>
/// s = ρ·s + (1 − ρ)·g²
/// Δ = √(u + ε) / √(s + ε) · g
/// u = ρ·u + (1 − ρ)·Δ²
/// p = p − lr·Δ
/// </code>
/// <para>State: <c>adadelta.square_avg</c> (s), <c>adadelta.acc_delta</c> (u).</para>
/// <para><see cref="Optimizer{T, TOptions}.Step()"/> allocates nothing; the update is vectorized.</para>
/// </remarks>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Adadelta<T> : Optimizer<T, AdadeltaOptions>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer for <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model whose <see cref="IModel{T}.Parameters"/> <see cref="Optimizer{T, TOptions}.Step()"/> updates.</param>
    /// <param name="options">The hyperparameters of the default group: every tensor no group in <paramref name="groups"/> selects.</param>
    /// <param name="groups">Parameter groups, selected by tensor name from the model's <see cref="IModel{T}.ParameterTensors"/>, each with its own options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, a group names a tensor the model lacks, two groups select one tensor, or the model's buffers differ in length; the message says which.</exception>
    public Adadelta(IModel<T> model, AdadeltaOptions options, params ParameterGroup<AdadeltaOptions>[] groups)
        : base(nameof(Adadelta<T>), model, ParameterCountOf(model, nameof(Adadelta<T>)), model.ParameterTensors, options, groups, Rule<T, AdadeltaOptions, AdadeltaRule<T>>.Instance)
    {
    }

    /// <summary>
    /// Creates an optimizer for a raw buffer of <paramref name="parameterCount"/> values, stepped with
    /// <see cref="Optimizer{T, TOptions}.Step(Span{T}, ReadOnlySpan{T})"/>, all in one group.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="options">The hyperparameters.</param>
    /// <exception cref="ArgumentException">A hyperparameter or the count is out of range; the message says which.</exception>
    public Adadelta(int parameterCount, AdadeltaOptions options)
        : base(nameof(Adadelta<T>), null, parameterCount, [], options, [], Rule<T, AdadeltaOptions, AdadeltaRule<T>>.Instance)
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
    public Adadelta(int parameterCount, IReadOnlyList<ParameterTensor> tensors, AdadeltaOptions options, params ParameterGroup<AdadeltaOptions>[] groups)
        : base(nameof(Adadelta<T>), null, parameterCount, tensors, options, groups, Rule<T, AdadeltaOptions, AdadeltaRule<T>>.Instance)
    {
    }
}
