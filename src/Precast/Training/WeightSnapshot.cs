using System.Numerics;

namespace Precast.Training;

/// <summary>
/// A copy of a model's parameters and non-trainable state, taken with
/// <see cref="TrainingContext.CopyWeights"/> and put back with <see cref="TrainingContext.RestoreWeights"/>
/// (early stopping keeps the best epoch's weights this way). Holds the values in the model's own
/// element type, so restoring gives back exactly the weights that were copied.
/// </summary>
public sealed class WeightSnapshot
{
    private WeightSnapshot(string modelName, Array parameters, Array state)
    {
        ModelName = modelName;
        Parameters = parameters;
        State = state;
    }

    /// <summary>The model the weights were copied from.</summary>
    public string ModelName { get; }

    /// <summary>The epoch during or after which the copy was taken, as the context reported it.</summary>
    public int Epoch { get; internal set; }

    internal Array Parameters { get; }

    internal Array State { get; }

    /// <summary>Copies <paramref name="model"/>'s weights into <paramref name="into"/> when it fits the model, else into a new snapshot.</summary>
    internal static WeightSnapshot Copy<T>(IModel<T> model, WeightSnapshot? into)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        WeightSnapshot snapshot = into is { Parameters: T[] p, State: T[] s } && p.Length == model.Parameters.Length && s.Length == model.State.Length
            ? into
            : new WeightSnapshot(model.ModelName, new T[model.Parameters.Length], new T[model.State.Length]);
        model.Parameters.CopyTo((T[])snapshot.Parameters);
        model.State.CopyTo((T[])snapshot.State);
        return snapshot;
    }

    /// <summary>Copies the snapshot's weights back into <paramref name="model"/>, after checking they are its kind.</summary>
    internal void Restore<T>(IModel<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Parameters is not T[] parameters || State is not T[] state
            || parameters.Length != model.Parameters.Length || state.Length != model.State.Length)
        {
            throw new ArgumentException(
                $"WeightSnapshot: this snapshot holds {Parameters.Length} parameters and {State.Length} state values of " +
                $"{Parameters.GetType().GetElementType()!.Name} from model '{ModelName}'; model '{model.ModelName}' has " +
                $"{model.Parameters.Length} and {model.State.Length} of {typeof(T).Name}.");
        }
        parameters.CopyTo(model.Parameters);
        state.CopyTo(model.State);
    }
}
