using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// One optimizer's update of consecutive values: the parameters, their gradients and up to three
/// state buffers of the same layout, as many values as the lanes type argument of
/// <see cref="Apply{TLanes}"/> holds. Implemented by small readonly structs holding the step's
/// coefficients, so <see cref="ElementwiseUpdate.Run{T, TRule}"/> is specialized and inlined per
/// optimizer, element type and width.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IElementwiseRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Updates the <c>TLanes.Count</c> values starting at each reference. A rule must not touch a
    /// state buffer its optimizer does not have: that reference points at scratch memory.
    /// </summary>
    void Apply<TLanes>(ref T parameter, ref readonly T gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>;
}
