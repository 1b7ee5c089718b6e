using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// One optimizer's update of consecutive values, after the penalties: given the parameters and their
/// gradients as lanes, and up to three state buffers of the same layout, it updates the state and
/// returns the new parameters. Implemented by small readonly structs holding the step's coefficients,
/// so <see cref="ElementwiseUpdate.Run{T, TRule}"/> is specialized and inlined per optimizer, element
/// type and width.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IElementwiseRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The new values of <c>TLanes.Count</c> parameters, updating the state that starts at each
    /// reference. A rule must not touch a state buffer its optimizer does not have: that reference
    /// points at scratch memory.
    /// </summary>
    /// <param name="parameter">The parameters, after any decoupled weight decay.</param>
    /// <param name="gradient">Their gradients, with the L1 and L2 terms added.</param>
    /// <param name="first">The first state buffer.</param>
    /// <param name="second">The second state buffer.</param>
    /// <param name="third">The third state buffer.</param>
    TLanes Apply<TLanes>(TLanes parameter, TLanes gradient, ref T first, ref T second, ref T third)
        where TLanes : struct, ILanes<TLanes, T>;
}
