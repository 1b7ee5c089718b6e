namespace Precast.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
/// decay; the same update, step for step, as PyTorch's <c>torch.optim.SGD</c> with the same
/// arguments (<c>lr</c>, <c>momentum</c>, <c>dampening</c>, <c>weight_decay</c>, <c>nesterov</c>).
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c> (learning rate <c>lr</c>, momentum <c>μ</c>,
/// dampening <c>d</c>, weight decay <c>λ</c>):</para>
/// <code>
/// g = g + λ·p
/// if μ ≠ 0:
///     b = g                     on the first step
///     b = μ·b + (1 − d)·g       afterwards
///     g = nesterov ? g + μ·b : b
/// p = p − lr·g
/// </code>
/// <para>Like PyTorch, a NaN or infinite gradient is not checked for: it flows into the parameter it
/// belongs to (and its momentum), and the step proceeds for all the others.</para>
/// <para><see cref="Step()"/> allocates nothing; the update is vectorized.</para>
/// </remarks>
public sealed class Sgd : IOptimizer
{
    private readonly IModel<float>? model;
    private readonly float[] momentumBuffer;
    private float learningRate;

    /// <summary>Creates an optimizer for <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model whose <see cref="IModel{T}.Parameters"/> <see cref="Step()"/> updates.</param>
    /// <param name="learningRate">The step size <c>lr</c>; finite, at least 0.</param>
    /// <param name="momentum">The momentum factor <c>μ</c>; finite, at least 0; 0 turns momentum off.</param>
    /// <param name="dampening">The dampening <c>d</c> of new gradients in the momentum buffer; finite.</param>
    /// <param name="weightDecay">The L2 penalty <c>λ</c> added to the gradient as <c>λ·p</c>; finite, at least 0.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and <paramref name="dampening"/> 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message says which), or the model's buffers differ in length.</exception>
    public Sgd(IModel<float> model, float learningRate, float momentum = 0, float dampening = 0, float weightDecay = 0, bool nesterov = false)
        : this(OptimizerArguments.ParameterCount(model, nameof(Sgd)), learningRate, momentum, dampening, weightDecay, nesterov)
    {
        this.model = model;
    }

    /// <summary>
    /// Creates an optimizer for a raw parameter buffer of <paramref name="parameterCount"/> values,
    /// stepped with <see cref="Step(Span{float}, ReadOnlySpan{float})"/>.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="learningRate">The step size <c>lr</c>; finite, at least 0.</param>
    /// <param name="momentum">The momentum factor <c>μ</c>; finite, at least 0; 0 turns momentum off.</param>
    /// <param name="dampening">The dampening <c>d</c> of new gradients in the momentum buffer; finite.</param>
    /// <param name="weightDecay">The L2 penalty <c>λ</c> added to the gradient as <c>λ·p</c>; finite, at least 0.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and <paramref name="dampening"/> 0.</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range; the message says which.</exception>
    public Sgd(int parameterCount, float learningRate, float momentum = 0, float dampening = 0, float weightDecay = 0, bool nesterov = false)
    {
        OptimizerArguments.Count(parameterCount, nameof(Sgd));
        this.learningRate = OptimizerArguments.NonNegative(learningRate, nameof(Sgd), nameof(learningRate));
        Momentum = OptimizerArguments.NonNegative(momentum, nameof(Sgd), nameof(momentum));
        Dampening = OptimizerArguments.Finite(dampening, nameof(Sgd), nameof(dampening));
        WeightDecay = OptimizerArguments.NonNegative(weightDecay, nameof(Sgd), nameof(weightDecay));
        Nesterov = OptimizerArguments.Nesterov(nesterov, momentum, dampening);
        ParameterCount = parameterCount;
        momentumBuffer = momentum != 0 ? new float[parameterCount] : [];
    }

    /// <inheritdoc/>
    public float LearningRate
    {
        get => learningRate;
        set => learningRate = OptimizerArguments.NonNegative(value, nameof(Sgd), nameof(LearningRate));
    }

    /// <summary>The momentum factor <c>μ</c>; 0 when momentum is off.</summary>
    public float Momentum { get; }

    /// <summary>The dampening <c>d</c>: new gradients enter the momentum buffer scaled by <c>1 − d</c>.</summary>
    public float Dampening { get; }

    /// <summary>The L2 penalty <c>λ</c>.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>The number of parameters this optimizer updates.</summary>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>
    /// The momentum buffer <c>b</c>, one value per parameter (PyTorch's <c>momentum_buffer</c>); empty
    /// when <see cref="Momentum"/> is 0. Before the first step it holds zeros, which the first step
    /// replaces with the gradient. Save it with <see cref="StepCount"/> to resume training later.
    /// </summary>
    public ReadOnlySpan<float> MomentumBuffer => momentumBuffer;

    /// <summary>Updates the model's parameters once from its gradients.</summary>
    /// <exception cref="InvalidOperationException">The optimizer was constructed for raw buffers, without a model.</exception>
    public void Step()
    {
        IModel<float> stepped = OptimizerArguments.Model(model, nameof(Sgd));
        Step(stepped.Parameters, stepped.Gradients);
    }

    /// <summary>Updates <paramref name="parameters"/> once from <paramref name="gradients"/>. Allocates nothing.</summary>
    /// <param name="parameters">The values to update, <see cref="ParameterCount"/> of them.</param>
    /// <param name="gradients">Their gradients, same length and layout.</param>
    /// <exception cref="ArgumentException">A buffer's length is not <see cref="ParameterCount"/>.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.Buffers(parameters.Length, gradients.Length, ParameterCount, "Sgd.Step");
        var rule = new SgdRule(learningRate, Momentum, Dampening, WeightDecay, Nesterov, firstStep: StepCount == 0);
        ElementwiseUpdate.Run(rule, parameters, gradients, momentumBuffer, []);
        StepCount++;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(momentumBuffer);
        StepCount = 0;
    }

    /// <summary>
    /// Restores the state saved from <see cref="MomentumBuffer"/> and <see cref="StepCount"/>, so
    /// training resumes exactly where it stopped.
    /// </summary>
    /// <param name="momentumBuffer">The saved buffer; as long as <see cref="MomentumBuffer"/> (empty when momentum is off).</param>
    /// <param name="stepCount">The saved step count; 0 or more.</param>
    /// <exception cref="ArgumentException">The buffer's length or the step count is wrong.</exception>
    public void RestoreState(ReadOnlySpan<float> momentumBuffer, long stepCount)
    {
        OptimizerArguments.State(momentumBuffer.Length, this.momentumBuffer.Length, nameof(momentumBuffer), stepCount, "Sgd.RestoreState");
        momentumBuffer.CopyTo(this.momentumBuffer);
        StepCount = stepCount;
    }
}
