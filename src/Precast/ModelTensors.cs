using System.Numerics;

namespace Precast;

/// <summary>
/// Finds a model's tensors by the names checkpoints and PyTorch's state_dict use
/// (<c>Stage.0.Conv1.weight</c>), so a layer deep inside a block is reachable without a generated
/// property of its own. Looks the name up in the model's tensor list; allocates nothing.
/// </summary>
public static class ModelTensors
{
    /// <summary>The values of the trainable tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such tensor; the message lists the names it has.</exception>
    public static Span<T> Parameter<T>(this IModel<T> model, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterTensor tensor = Find(model, model.ParameterTensors, name, "parameter");
        return model.Parameters.Slice(tensor.Offset, tensor.Length);
    }

    /// <summary>The gradient of the trainable tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such tensor; the message lists the names it has.</exception>
    public static Span<T> Gradient<T>(this IModel<T> model, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterTensor tensor = Find(model, model.ParameterTensors, name, "parameter");
        return model.Gradients.Slice(tensor.Offset, tensor.Length);
    }

    /// <summary>The values of the non-trainable tensor named <paramref name="name"/> (a running statistic).</summary>
    /// <exception cref="KeyNotFoundException">The model has no such tensor; the message lists the names it has.</exception>
    public static Span<T> StateTensor<T>(this IModel<T> model, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ParameterTensor tensor = Find(model, model.StateTensors, name, "state");
        return model.State.Slice(tensor.Offset, tensor.Length);
    }

    private static ParameterTensor Find<T>(IModel<T> model, IReadOnlyList<ParameterTensor> tensors, string name, string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < tensors.Count; i++)
        {
            if (string.Equals(tensors[i].Name, name, StringComparison.Ordinal))
                return tensors[i];
        }
        string known = tensors.Count == 0 ? "it has none" : "it has " + string.Join(", ", tensors.Select(t => t.Name));
        throw new KeyNotFoundException($"{model.ModelName} has no {kind} tensor named '{name}'; {known}.");
    }
}
