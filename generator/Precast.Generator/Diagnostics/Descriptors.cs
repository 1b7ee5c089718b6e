using Microsoft.CodeAnalysis;

namespace Precast.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never renumber or reuse one. Each has a
/// page at docs/diagnostics/PCxxxx.md with a wrong and a fixed example, and a line in
/// AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class Descriptors
{
    private const string Category = "Precast";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Description(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: Description(id));

    private static string Description(string id) => $"See docs/diagnostics/{id}.md in the Precast repository for a wrong and a fixed example.";

    public static readonly DiagnosticDescriptor ModelNotPartial = Error(
        "PC0001",
        "Model class must be partial",
        "Precast adds the generated network to '{0}', so {1} must be declared partial; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor ModelIsGeneric = Error(
        "PC0002",
        "Model class cannot be generic",
        "Model '{0}' cannot be generic, but {1} has type parameters; a Precast model fixes every size and type at compile time, so remove them");

    public static readonly DiagnosticDescriptor MissingInputShape = Error(
        "PC0003",
        "Model input shape is missing",
        "Model '{0}' does not say what one input sample looks like; set Input, for example [Model(Input = [784])] or [Model(Input = [1, 28, 28])]");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "PC0004",
        "Size must be positive",
        "{0} of {1} is {2}; it must be at least 1");

    public static readonly DiagnosticDescriptor SizeTooLarge = Error(
        "PC0005",
        "Size is too large",
        "{0} has {1} values, more than the 2,147,483,591 a .NET array can hold; make it smaller");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "PC0006",
        "Model has no layers",
        "Model '{0}' has no layers; add layer attributes after [Model], for example [Dense(10)]");

    public static readonly DiagnosticDescriptor NeedsVectorInput = Error(
        "PC0007",
        "Layer needs a vector input",
        "{0} expects a vector input, but {1} produces {2}; add [Flatten] before it");

    public static readonly DiagnosticDescriptor LossDoesNotFit = Error(
        "PC0008",
        "Loss does not fit the model's output",
        "Loss.{0} {1}, but {2} produces {3}; {4}");

    public static readonly DiagnosticDescriptor InvalidArgument = Error(
        "PC0009",
        "Invalid argument",
        "{0} of {1} is {2}; {3}");

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        "PC0010",
        "Invalid layer name",
        "{0} name '{1}' {2}");

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "PC0011",
        "Layers are declared on more than one partial declaration",
        "{0} has layer attributes on more than one partial declaration, so their order is not defined; move {1}");

    public static readonly DiagnosticDescriptor RedundantActivation = Warning(
        "PC0012",
        "Activation is applied twice",
        "{0} comes right before Loss.{1}, which applies {2} itself, so the model would apply it twice; remove {0}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "PC0013",
        "Precast generator failed",
        "Precast could not generate model '{0}' because of an internal error: {1}. Please report it with the model's declaration.");

    public static readonly DiagnosticDescriptor LayerAfterLoss = Error(
        "PC0014",
        "Layer after the loss",
        "{0} comes after [Loss], but the loss applies to the last layer's output; move [Loss] after the last layer");

    public static readonly DiagnosticDescriptor NameClash = Error(
        "PC0015",
        "Generated member name clash",
        "{0} makes Precast use the name '{1}' in the generated code, which {2} also needs; {3}");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(
        "PC0016",
        "Model declaration cannot take the generated code",
        "Model '{0}' {1}; {2}");

    public static readonly DiagnosticDescriptor MemberClash = Error(
        "PC0017",
        "Member clashes with a generated member",
        "{0}, but Precast generates a member named '{1}' {2}; {3}");

    public static readonly DiagnosticDescriptor AttributeWithoutModel = Error(
        "PC0018",
        "Precast attribute on a class without [Model] or [Block]",
        "{0} is on '{1}', which has neither [Model] nor [Block], so nothing uses it; add [Model(Input = [...])] to make '{1}' a model, [Block] to use it inside models, or remove the attribute");

    public static readonly DiagnosticDescriptor NotABlock = Error(
        "PC0019",
        "Type is not a block",
        "{0} uses '{1}', which is not a block; mark '{1}' with [Block] and its layers, or use a class marked [Block] or [Model]");

    public static readonly DiagnosticDescriptor BlockCycle = Error(
        "PC0020",
        "Block uses itself",
        "{0} uses block '{1}', which uses itself ({2}); a block cannot contain itself, directly or through other blocks");

    public static readonly DiagnosticDescriptor ShapesDiffer = Error(
        "PC0021",
        "Combined shapes differ",
        "{0} {1} tensors whose shapes differ: {2}; {3}");

    public static readonly DiagnosticDescriptor ConcatShapesDiffer = Error(
        "PC0022",
        "Concatenated shapes differ on an axis other than the first",
        "{0} joins its branches on the first axis, but they differ on another: {1}; {2}");

    public static readonly DiagnosticDescriptor ScaleDoesNotBroadcast = Error(
        "PC0023",
        "Scale does not broadcast",
        "{0} multiplies its input {1} by the output of block '{2}', {3}, which does not broadcast over it; {4}");

    public static readonly DiagnosticDescriptor BlockUnusable = Error(
        "PC0024",
        "Block cannot be used",
        "{0} uses block '{1}', which {2}; {3}");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error(
        "PC0025",
        "Model expands to too many layers",
        "Model '{0}' expands to more than {1} layers through its blocks and repeats, more than Precast generates code for; use fewer repeats or smaller blocks");

    public static readonly DiagnosticDescriptor WindowDoesNotFit = Error(
        "PC0026",
        "Window does not fit the input",
        "{0} slides a window of {1} {2} along the {3} of {4} from {5}, but the padded input has {6}: {7} = {8} outputs; {9}");

    public static readonly DiagnosticDescriptor EmptyOutput = Error(
        "PC0027",
        "Output size is not positive",
        "{0} on {1} from {2} gives {3} {4} along the {5}: {6}; {7}");

    public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error(
        "PC0028",
        "Channels are not divisible by the groups",
        "{0} splits its {1} into {2} groups, but {3} cannot be split into {2} equal groups; choose Groups that divides both the input channels and the filters");

    public static readonly DiagnosticDescriptor CropTooLarge = Error(
        "PC0029",
        "Crop is larger than the input",
        "{0} removes {1} {2} along the {3} of {4} from {5}, which has {6}; crop less");

    public static readonly DiagnosticDescriptor CannotNormalize = Error(
        "PC0030",
        "Batch normalization does not fit the shape",
        "{0} normalizes each feature of a [features] sample or each channel of a [channels, length] or [channels, height, width] sample, but {1} produces {2}; {3}");

    public static readonly DiagnosticDescriptor WrongRank = Error(
        "PC0031",
        "Layer needs another input rank",
        "{0} expects a {1} input, but {2} produces {3}; {4}");

    public static readonly DiagnosticDescriptor WindowSkipsInput = Warning(
        "PC0032",
        "Windows skip the end of the input",
        "{0} never reads the last {1} {2} of its input {3}: along the {4}, {5} = {6} is not whole with stride {7}, so the windows stop before the end; {8}");

    public static readonly DiagnosticDescriptor ReshapeMismatch = Error(
        "PC0033",
        "Reshape changes the number of values",
        "{0} cannot reshape {1} from {2} ({3} values) to {4}: {5}");
}
