using System.Numerics;

namespace Precast.Runtime;

/// <summary>
/// The two passes a generated model implements; everything around them (buffers, argument checks,
/// the Forward → ComputeLoss → Backward protocol) lives once in <see cref="ModelCore{T}"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IModelPasses<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Runs every layer in order on <paramref name="batch"/> samples of <paramref name="input"/>,
    /// leaving the output where <see cref="ModelLayout.OutputOffset"/> says.
    /// </summary>
    /// <param name="input">The inputs, batch × InputSize values.</param>
    /// <param name="batch">The number of samples, from 1 to MaxBatch.</param>
    /// <param name="training">Training mode (dropout active) or inference.</param>
    void RunForward(ReadOnlySpan<T> input, int batch, bool training);

    /// <summary>
    /// Back-propagates the output gradient (where <see cref="ModelLayout.OutputGradientOffset"/>
    /// says) through every layer in reverse order, adding parameter gradients into the gradient buffer.
    /// </summary>
    /// <param name="input">The inputs of the forward pass being back-propagated.</param>
    /// <param name="batch">Its number of samples.</param>
    /// <param name="training">The mode that forward pass ran in.</param>
    void RunBackward(ReadOnlySpan<T> input, int batch, bool training);
}
