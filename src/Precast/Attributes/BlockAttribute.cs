namespace Precast;

/// <summary>
/// Marks a class as a block: a list of layers (and compositions of other blocks) that a model or
/// another block uses through <see cref="ResidualAttribute"/>, <see cref="ConcatAttribute"/>,
/// <see cref="SumAttribute"/>, <see cref="ScaleAttribute"/>, <see cref="HighwayAttribute"/> or
/// <see cref="RepeatAttribute"/>. A block has no input shape of its own: its shapes are inferred and
/// checked where it is used, and a block used at two shapes becomes two pieces of code with their own
/// constants. It has no loss. Nothing is generated into the class itself, so it need not be partial.
/// A class marked <see cref="ModelAttribute"/> can be used as a block too (its loss is then ignored).
/// </summary>
/// <example>
/// <code>
/// [Block]
/// [Dense(64), Relu]
/// [Dense(64)]
/// public sealed class TwoLayer;
///
/// [Model(Input = [64])]
/// [Residual(typeof(TwoLayer)), Relu]
/// [Dense(10)]
/// [Loss(Loss.SoftmaxCrossEntropy)]
/// public partial class Deep;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute;
