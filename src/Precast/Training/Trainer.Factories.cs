using System.Numerics;
using Precast.Optimizers;

namespace Precast.Training;

/// <summary>Creates trainers with the element and target types inferred from the model.</summary>
public static class Trainer
{
    /// <summary>A <see cref="Trainer{T, TTarget}"/> for <paramref name="model"/> and <paramref name="optimizer"/>: <c>Trainer.Create(model, adam)</c>.</summary>
    public static Trainer<T, TTarget> Create<T, TTarget>(ITrainable<T, TTarget> model, IOptimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTarget : unmanaged =>
        new(model, optimizer);
}
