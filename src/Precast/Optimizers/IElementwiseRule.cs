namespace Precast.Optimizers;

/// <summary>
/// One optimizer's update of eight consecutive values (one <see cref="System.Runtime.Intrinsics.Vector256{T}"/>
/// of floats): the parameters, their gradients and up to two state buffers of the same layout.
/// Implemented by small readonly structs holding the step's coefficients, so
/// <see cref="ElementwiseUpdate.Run{TRule}"/> is specialized and inlined per optimizer.
/// </summary>
internal interface IElementwiseRule
{
    /// <summary>
    /// Updates the eight values starting at each reference. A rule must not touch a state buffer its
    /// optimizer does not have: that reference points at scratch memory.
    /// </summary>
    void Apply(ref float parameter, ref readonly float gradient, ref float first, ref float second);
}
