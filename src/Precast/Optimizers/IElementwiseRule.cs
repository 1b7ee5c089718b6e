namespace Precast.Optimizers;

/// <summary>
/// One optimizer's update of consecutive values: the parameters, their gradients and up to two
/// state buffers of the same layout, as many values as the lanes type argument of
/// <see cref="Apply{TLanes}"/> holds. Implemented by small readonly structs holding the step's coefficients,
/// so <see cref="ElementwiseUpdate.Run{TRule}"/> is specialized and inlined per optimizer and width.
/// </summary>
internal interface IElementwiseRule
{
    /// <summary>
    /// Updates the <c>TLanes.Count</c> values starting at each reference. A rule must not touch a
    /// state buffer its optimizer does not have: that reference points at scratch memory.
    /// </summary>
    void Apply<TLanes>(ref float parameter, ref readonly float gradient, ref float first, ref float second)
        where TLanes : struct, ILanes<TLanes>;
}
