namespace Precast;

/// <summary>
/// A residual connection: <c>y = x + F(x)</c>, where F is the block <see cref="Block"/> applied to
/// the input x. F's output must have x's shape; when it does not, give a <see cref="Projection"/>
/// block P that maps x to it, and the layer computes <c>y = P(x) + F(x)</c> (ResNet's downsampling
/// shortcut). PyTorch names: <c>{Name}.{layer of F}.weight</c>, <c>{Name}.Projection.{layer of P}.weight</c>.
/// </summary>
public sealed class ResidualAttribute : LayerAttribute
{
    /// <summary>Adds <paramref name="block"/>'s output to its input.</summary>
    /// <param name="block">A class marked [Block] (or [Model]): the residual branch F.</param>
    public ResidualAttribute(Type block) => Block = block;

    /// <summary>The residual branch F.</summary>
    public Type Block { get; }

    /// <summary>A block P applied to the shortcut, so that <c>y = P(x) + F(x)</c>; null for the identity shortcut.</summary>
    public Type? Projection { get; set; }
}

/// <summary>
/// Parallel branches on the same input, their outputs concatenated on the first axis (the channel
/// axis of a [C, H, W] feature map, the features of a vector): Inception's join. Every branch's
/// output must agree on the other axes. PyTorch names: <c>{Name}.{branch}.{layer}.weight</c>, where
/// a branch is named by its index (0, 1, ...) or by <see cref="Names"/>.
/// </summary>
public sealed class ConcatAttribute : LayerAttribute
{
    /// <summary>Runs each of <paramref name="branches"/> on the input and concatenates their outputs.</summary>
    /// <param name="branches">Two or more classes marked [Block] (or [Model]).</param>
    public ConcatAttribute(params Type[] branches) => Branches = branches;

    /// <summary>The branches, in the order of their outputs.</summary>
    public Type[] Branches { get; }

    /// <summary>A name per branch for its parameters (<c>Mixed.Branch1x1.Conv.weight</c>); defaults to the index.</summary>
    public string[]? Names { get; set; }
}

/// <summary>
/// Parallel branches on the same input, their outputs added: <c>y = A(x) + B(x) + ...</c>. Every
/// branch's output must have the same shape. PyTorch names as for <see cref="ConcatAttribute"/>.
/// </summary>
public sealed class SumAttribute : LayerAttribute
{
    /// <summary>Runs each of <paramref name="branches"/> on the input and adds their outputs.</summary>
    /// <param name="branches">Two or more classes marked [Block] (or [Model]).</param>
    public SumAttribute(params Type[] branches) => Branches = branches;

    /// <summary>The branches.</summary>
    public Type[] Branches { get; }

    /// <summary>A name per branch for its parameters; defaults to the index.</summary>
    public string[]? Names { get; set; }
}

/// <summary>
/// Scales the input by a gate computed from it: <c>y = x · s(x)</c>, with s broadcast over the
/// trailing axes of x. Squeeze-and-excitation: x [C, H, W], s(x) [C] from a block that pools, narrows
/// and ends in a sigmoid. The gate's output shape must be x's leading axes (trailing 1s allowed):
/// [C] or [C, 1, 1] for a [C, H, W] input, [D] for a [D] input. PyTorch names: the gate's layers
/// directly under the scale, <c>{Name}.{layer of the gate}.weight</c>.
/// </summary>
public sealed class ScaleAttribute : LayerAttribute
{
    /// <summary>Multiplies the input by <paramref name="gate"/>'s output.</summary>
    /// <param name="gate">A class marked [Block] (or [Model]) computing the scale s(x).</param>
    public ScaleAttribute(Type gate) => Gate = gate;

    /// <summary>The block computing the scale.</summary>
    public Type Gate { get; }
}

/// <summary>
/// A highway layer (Srivastava et al., 2015): <c>y = H(x)·T(x) + x·(1 − T(x))</c>, mixing a transform
/// H of the input with the input itself through a learned gate T, usually ending in a sigmoid.
/// H(x), T(x) and x must have the same shape. PyTorch names: <c>{Name}.Transform.{layer}.weight</c>,
/// <c>{Name}.Gate.{layer}.weight</c>.
/// </summary>
public sealed class HighwayAttribute : LayerAttribute
{
    /// <summary>Mixes <paramref name="transform"/>(x) and x through <paramref name="gate"/>(x).</summary>
    /// <param name="transform">The block H.</param>
    /// <param name="gate">The block T, whose outputs should lie in [0, 1].</param>
    public HighwayAttribute(Type transform, Type gate)
    {
        Transform = transform;
        Gate = gate;
    }

    /// <summary>The transform H.</summary>
    public Type Transform { get; }

    /// <summary>The gate T.</summary>
    public Type Gate { get; }
}

/// <summary>
/// <see cref="Count"/> copies of a block one after another, each with its own parameters: the six
/// layers of a Transformer encoder, the stages of a ResNet. PyTorch names:
/// <c>{Name}.0.{layer}.weight</c> ... <c>{Name}.{Count − 1}.{layer}.weight</c>, as an nn.Sequential or
/// nn.ModuleList of the block has them.
/// </summary>
public sealed class RepeatAttribute : LayerAttribute
{
    /// <summary>Applies <paramref name="count"/> copies of <paramref name="block"/> in sequence.</summary>
    /// <param name="block">A class marked [Block] (or [Model]).</param>
    /// <param name="count">How many copies; at least 1.</param>
    public RepeatAttribute(Type block, int count)
    {
        Block = block;
        Count = count;
    }

    /// <summary>The repeated block.</summary>
    public Type Block { get; }

    /// <summary>How many copies.</summary>
    public int Count { get; }
}
