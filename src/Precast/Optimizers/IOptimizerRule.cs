using System.Numerics;

namespace Precast.Optimizers;

/// <summary>
/// An optimizer's update rule together with what the optimizer needs to know about it: which state
/// buffers it keeps, what they start from, and how a step's coefficients follow from a group's
/// options, learning rate, momentum and the step number. Implemented by the rule structs
/// (<see cref="SgdRule{T}"/>, <see cref="AdamRule{T}"/>, ...); read through <see cref="Rule{T, TOptions, TRule}"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TOptions">The optimizer's options.</typeparam>
/// <typeparam name="TSelf">The rule struct itself.</typeparam>
internal interface IOptimizerRule<T, TOptions, TSelf> : IElementwiseRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOptions : OptimizerOptions
    where TSelf : struct, IOptimizerRule<T, TOptions, TSelf>
{
    /// <summary>PyTorch's names of the rule's state buffers: the first, second and third of <see cref="IElementwiseRule{T}.Apply"/>.</summary>
    static abstract string[] BufferNames { get; }

    /// <summary>Whether a group with <paramref name="options"/> uses state buffer <paramref name="buffer"/>; the optimizer keeps it if any group does.</summary>
    static abstract bool Uses(TOptions options, int buffer);

    /// <summary>The value buffer <paramref name="buffer"/> starts from (and returns to on reset) in a group with <paramref name="options"/>.</summary>
    static virtual double InitialValue(TOptions options, int buffer) => 0;

    /// <summary>The name of the value the rule carries per group from step to step (<see cref="OptimizerGroup.Carried"/>), or null if it carries none.</summary>
    static virtual string? CarriedName => null;

    /// <summary>The carried value before the first step.</summary>
    static virtual double InitialCarried => 0;

    /// <summary>
    /// The coefficients of step <paramref name="step"/> (counting from 1) for <paramref name="group"/>,
    /// advancing its carried value.
    /// </summary>
    static abstract TSelf Create(TOptions options, OptimizerGroup group, long step);
}
