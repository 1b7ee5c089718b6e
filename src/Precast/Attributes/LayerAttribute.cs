namespace Precast;

/// <summary>
/// Base class of every layer attribute. Layers are applied in the order their attributes appear
/// on the model's declaration.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    // Only Precast's own layers derive from this: the generator knows how to emit each of them.
    private protected LayerAttribute()
    {
    }

    /// <summary>
    /// The layer's name: a C# identifier, unique within the model. It names the generated
    /// members (<c>HiddenWeight</c>, <c>ForwardHidden</c>), the checkpoint tensors
    /// (<c>Hidden.weight</c>) and the layer in diagnostics. Defaults to the layer kind followed by
    /// its position among layers of that kind: <c>Dense1</c>, <c>Dense2</c>, <c>Relu1</c> (moving past
    /// any number whose name another layer was given explicitly).
    /// </summary>
    public string? Name { get; set; }
}
