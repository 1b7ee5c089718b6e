using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// An optimizer's state, for checkpoints: named buffers as long as the parameter buffer (PyTorch's
/// per-parameter state, laid out as the parameters are: slice one with a tensor's
/// <see cref="ParameterTensor.Offset"/> and <see cref="ParameterTensor.Length"/> for a per-tensor
/// view) and named scalars (<see cref="IScalarState"/>: the step count, each group's learning rate
/// and momentum, NAdam's product of momenta).
/// </summary>
/// <remarks>
/// <para>To save: write every <see cref="Buffer"/> under its name in <see cref="BufferNames"/> and every
/// scalar under its name. To restore into an optimizer constructed with the same options and groups:
/// copy each saved buffer into <see cref="Buffer"/> and call <see cref="IScalarState.SetScalar"/> for
/// each scalar. The optimizer then continues bit for bit as the saved one would have.</para>
/// <para>Names start with the optimizer's name in lower case, then PyTorch's name for the state:
/// <c>adam.exp_avg</c>, <c>adam.exp_avg_sq</c>, <c>adam.max_exp_avg_sq</c> (with AMSGrad),
/// <c>sgd.momentum_buffer</c> (with momentum), <c>rmsprop.square_avg</c>, <c>rmsprop.grad_avg</c>
/// (centered), <c>adagrad.sum</c>, <c>adadelta.acc_delta</c>, ... A buffer exists only when some group
/// uses it, so restoring a state saved with other options finds a missing or extra name.</para>
/// </remarks>
/// <typeparam name="T">The element type of the buffers.</typeparam>
public interface IOptimizerState<T> : IScalarState
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The names of the state buffers, in index order.</summary>
    IReadOnlyList<string> BufferNames { get; }

    /// <summary>The buffer at <paramref name="index"/> in <see cref="BufferNames"/>: the optimizer's own memory, one value per parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <see cref="BufferNames"/>.</exception>
    Span<T> Buffer(int index);
}
