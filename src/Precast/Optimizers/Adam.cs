namespace Precast.Optimizers;

/// <summary>
/// Adam, and with <c>decoupledWeightDecay</c> AdamW; the same update, step for step, as PyTorch's
/// <c>torch.optim.Adam</c> (weight decay added to the gradient, L2 style) and <c>torch.optim.AdamW</c>
/// (weight decay applied to the parameters) with the same <c>lr</c>, <c>betas</c>, <c>eps</c> and
/// <c>weight_decay</c>, and <c>amsgrad=False</c>.
/// </summary>
/// <remarks>
/// <para>For every parameter <c>p</c> with gradient <c>g</c>, at step <c>t</c> (counting from 1):</para>
/// <code>
/// Adam:   g = g + λ·p
/// AdamW:  p = p·(1 − lr·λ)
/// m = β1·m + (1 − β1)·g
/// v = β2·v + (1 − β2)·g²
/// p = p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
/// </code>
/// <para>Note that PyTorch's AdamW defaults to <c>weight_decay=0.01</c>; here the default is 0 for both
/// forms, so pass it explicitly.</para>
/// <para>Like PyTorch, a NaN or infinite gradient is not checked for: it flows into the parameter it
/// belongs to (and its moments), and the step proceeds for all the others.</para>
/// <para><see cref="Step()"/> allocates nothing; the update is vectorized.</para>
/// </remarks>
public sealed class Adam : IOptimizer
{
    private readonly IModel<float>? model;
    private readonly float[] firstMoment;
    private readonly float[] secondMoment;
    private float learningRate;

    /// <summary>Creates an optimizer for <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model whose <see cref="IModel{T}.Parameters"/> <see cref="Step()"/> updates.</param>
    /// <param name="learningRate">The step size <c>lr</c>; finite, at least 0.</param>
    /// <param name="beta1">The decay rate <c>β1</c> of the first moment (mean of gradients); in [0, 1).</param>
    /// <param name="beta2">The decay rate <c>β2</c> of the second moment (mean of squared gradients); in [0, 1).</param>
    /// <param name="epsilon">The term <c>ε</c> added to the denominator; finite, at least 0.</param>
    /// <param name="weightDecay">The weight decay <c>λ</c>; finite, at least 0.</param>
    /// <param name="decoupledWeightDecay">
    /// <see langword="false"/>: Adam, <c>λ·p</c> is added to the gradient. <see langword="true"/>: AdamW,
    /// the parameters shrink by <c>lr·λ</c> of themselves before the update.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message says which), or the model's buffers differ in length.</exception>
    public Adam(IModel<float> model, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f,
        float weightDecay = 0, bool decoupledWeightDecay = false)
        : this(OptimizerArguments.ParameterCount(model, nameof(Adam)), learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay)
    {
        this.model = model;
    }

    /// <summary>
    /// Creates an optimizer for a raw parameter buffer of <paramref name="parameterCount"/> values,
    /// stepped with <see cref="Step(Span{float}, ReadOnlySpan{float})"/>.
    /// </summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers; at least 0.</param>
    /// <param name="learningRate">The step size <c>lr</c>; finite, at least 0.</param>
    /// <param name="beta1">The decay rate <c>β1</c> of the first moment (mean of gradients); in [0, 1).</param>
    /// <param name="beta2">The decay rate <c>β2</c> of the second moment (mean of squared gradients); in [0, 1).</param>
    /// <param name="epsilon">The term <c>ε</c> added to the denominator; finite, at least 0.</param>
    /// <param name="weightDecay">The weight decay <c>λ</c>; finite, at least 0.</param>
    /// <param name="decoupledWeightDecay">
    /// <see langword="false"/>: Adam, <c>λ·p</c> is added to the gradient. <see langword="true"/>: AdamW,
    /// the parameters shrink by <c>lr·λ</c> of themselves before the update.
    /// </param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range; the message says which.</exception>
    public Adam(int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f,
        float weightDecay = 0, bool decoupledWeightDecay = false)
    {
        OptimizerArguments.Count(parameterCount, nameof(Adam));
        this.learningRate = OptimizerArguments.NonNegative(learningRate, nameof(Adam), nameof(learningRate));
        Beta1 = OptimizerArguments.DecayRate(beta1, nameof(Adam), nameof(beta1));
        Beta2 = OptimizerArguments.DecayRate(beta2, nameof(Adam), nameof(beta2));
        Epsilon = OptimizerArguments.NonNegative(epsilon, nameof(Adam), nameof(epsilon));
        WeightDecay = OptimizerArguments.NonNegative(weightDecay, nameof(Adam), nameof(weightDecay));
        DecoupledWeightDecay = decoupledWeightDecay;
        ParameterCount = parameterCount;
        firstMoment = new float[parameterCount];
        secondMoment = new float[parameterCount];
    }

    /// <inheritdoc/>
    public float LearningRate
    {
        get => learningRate;
        set => learningRate = OptimizerArguments.NonNegative(value, nameof(Adam), nameof(LearningRate));
    }

    /// <summary>The decay rate <c>β1</c> of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>The decay rate <c>β2</c> of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>The term <c>ε</c> added to the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>The weight decay <c>λ</c>.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether weight decay is decoupled from the gradient (AdamW) rather than added to it (Adam).</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>The number of parameters this optimizer updates.</summary>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>
    /// The first moment estimate <c>m</c> (PyTorch's <c>exp_avg</c>), one value per parameter, before
    /// bias correction. Save it with <see cref="SecondMoment"/> and <see cref="StepCount"/> to resume training later.
    /// </summary>
    public ReadOnlySpan<float> FirstMoment => firstMoment;

    /// <summary>The second moment estimate <c>v</c> (PyTorch's <c>exp_avg_sq</c>), one value per parameter, before bias correction.</summary>
    public ReadOnlySpan<float> SecondMoment => secondMoment;

    /// <summary>Updates the model's parameters once from its gradients.</summary>
    /// <exception cref="InvalidOperationException">The optimizer was constructed for raw buffers, without a model.</exception>
    public void Step()
    {
        IModel<float> stepped = OptimizerArguments.Model(model, nameof(Adam));
        Step(stepped.Parameters, stepped.Gradients);
    }

    /// <summary>Updates <paramref name="parameters"/> once from <paramref name="gradients"/>. Allocates nothing.</summary>
    /// <param name="parameters">The values to update, <see cref="ParameterCount"/> of them.</param>
    /// <param name="gradients">Their gradients, same length and layout.</param>
    /// <exception cref="ArgumentException">A buffer's length is not <see cref="ParameterCount"/>.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.Buffers(parameters.Length, gradients.Length, ParameterCount, "Adam.Step");
        var rule = new AdamRule(learningRate, Beta1, Beta2, Epsilon, WeightDecay, DecoupledWeightDecay, StepCount + 1);
        ElementwiseUpdate.Run(rule, parameters, gradients, firstMoment, secondMoment);
        StepCount++;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(firstMoment);
        Array.Clear(secondMoment);
        StepCount = 0;
    }

    /// <summary>
    /// Restores the state saved from <see cref="FirstMoment"/>, <see cref="SecondMoment"/> and
    /// <see cref="StepCount"/>, so training resumes exactly where it stopped (the step count drives
    /// the bias corrections).
    /// </summary>
    /// <param name="firstMoment">The saved first moment; <see cref="ParameterCount"/> values.</param>
    /// <param name="secondMoment">The saved second moment; <see cref="ParameterCount"/> values.</param>
    /// <param name="stepCount">The saved step count; 0 or more.</param>
    /// <exception cref="ArgumentException">A buffer's length or the step count is wrong.</exception>
    public void RestoreState(ReadOnlySpan<float> firstMoment, ReadOnlySpan<float> secondMoment, long stepCount)
    {
        OptimizerArguments.State(firstMoment.Length, ParameterCount, nameof(firstMoment), stepCount, "Adam.RestoreState");
        OptimizerArguments.State(secondMoment.Length, ParameterCount, nameof(secondMoment), stepCount, "Adam.RestoreState");
        firstMoment.CopyTo(this.firstMoment);
        secondMoment.CopyTo(this.secondMoment);
        StepCount = stepCount;
    }
}
