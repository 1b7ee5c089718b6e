namespace Precast.Generator.Tests.Fuzzing;

/// <summary>What the fuzzer sets out to make of one class, before the features refine it.</summary>
internal enum Scenario
{
    Valid,
    NetworkInvalid,
    DeclarationBroken,
    CompilerMistake,
    AcceptOrReject,
    ModelTwice,
    NoModelAttribute,
}

/// <summary>How much of the model's API the program's usage code calls.</summary>
internal enum UsageLevel
{
    None,

    /// <summary>What exists whatever the network: constructor, Summary, ZeroGradients, Parameters, and Forward/Predict/TrainStep when the element type and loss are known.</summary>
    Surface,

    /// <summary>Everything the declared model implies.</summary>
    Full,
}

internal enum LossKind
{
    SoftmaxCrossEntropy = 0,
    SigmoidBinaryCrossEntropy = 1,
    MeanSquaredError = 2,
    SoftmaxCrossEntropyWithProbabilities = 3,
    MeanAbsoluteError = 4,
    Huber = 5,
    KLDivergence = 6,
}

/// <summary>The network of a model: [Model], the layers in order, and [Loss], plus what usage code may rely on.</summary>
internal sealed class NetworkDraft
{
    public AttributeDraft Model { get; } = new("Model");

    public List<AttributeDraft> Layers { get; } = [];

    public AttributeDraft? Loss { get; set; }

    /// <summary>The index in <see cref="Layers"/> before which [Loss] is written, or null for after the last layer.</summary>
    public int? LossPosition { get; set; }

    /// <summary>The shape the layers were built for.</summary>
    public List<int> Input { get; set; } = [];

    /// <summary>float or double; null when Precision is not a Precision value.</summary>
    public string? ElementType { get; set; } = "float";

    /// <summary>The loss, or null when there is none or it is not a Loss value.</summary>
    public LossKind? LossKind { get; set; }

    /// <summary>Whether Input is valid and small, so usage code may size arrays with InputSize.</summary>
    public bool InputKnown { get; set; } = true;

    public bool InputGradient { get; set; }

    /// <summary>Explicit layer names so far (compared as Precast does, ignoring case).</summary>
    public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>[Model], then the layers with [Loss] where it goes.</summary>
    public IEnumerable<AttributeDraft> Sequence()
    {
        yield return Model;
        for (int i = 0; i < Layers.Count; i++)
        {
            if (LossPosition == i && Loss is not null)
                yield return Loss;
            yield return Layers[i];
        }
        if ((LossPosition is null || LossPosition >= Layers.Count) && Loss is not null)
            yield return Loss;
    }
}

/// <summary>One class under construction: its type, its network, its declarations and the oracle's view of it.</summary>
internal sealed class ModelDraft
{
    public ModelDraft(ModelCase @case, Scenario scenario, TypeDecl type, NetworkDraft network)
    {
        Case = @case;
        Scenario = scenario;
        Type = type;
        Network = network;
        Main = new TypeBlock(type);
    }

    public ModelCase Case { get; }

    public Scenario Scenario { get; }

    public TypeDecl Type { get; set; }

    public NetworkDraft Network { get; set; }

    /// <summary>The declaration that carries [Model].</summary>
    public TypeBlock Main { get; set; }

    /// <summary>Further declarations of the class, written after <see cref="Main"/>.</summary>
    public List<TypeBlock> ExtraParts { get; } = [];

    /// <summary>Helper declarations (base classes, extension classes) written before the model in its namespace.</summary>
    public List<TextBlock> Helpers { get; } = [];

    /// <summary>Where the helper base class is, so a diagnostic about it counts as about this model.</summary>
    public List<TextBlock> RelatedHelpers { get; } = [];

    /// <summary>The layers go on two declarations (PC0011).</summary>
    public bool SplitNetwork { get; set; }

    /// <summary>A second declaration carries [Model] too.</summary>
    public bool ModelTwice { get; set; }

    /// <summary>Alone in its own file (a syntax error can swallow what follows it).</summary>
    public bool OwnFile { get; set; }

    public bool HasModelAttribute { get; set; } = true;

    /// <summary>A [Block] class: its Network.Model is the [Block] attribute, its layers are used by models; nothing is generated into it.</summary>
    public bool IsBlock { get; set; }

    /// <summary>Whether other models and blocks may use this class as a block: it is valid and stays so (a block broken on purpose is used once).</summary>
    public bool Reusable { get; set; }

    /// <summary>For a block: written inside this declaration (of the model that uses it) rather than in a namespace.</summary>
    public TypeBlock? Host { get; set; }

    /// <summary>The attributes of this class where the error about its one composition fault must be: the outermost use site.</summary>
    public List<AttributeDraft> FaultSites { get; } = [];

    /// <summary>The diagnostic IDs that report its one composition fault (empty: any Precast error).</summary>
    public List<string> ExpectedIds { get; } = [];

    /// <summary>Blocks with a deliberate compiler mistake that this model uses: the compiler's error may be there.</summary>
    public List<ModelDraft> MistakeBlocks { get; } = [];

    /// <summary>What the shape oracle says of the finished network (null until then, or when the fuzzer cannot tell).</summary>
    public NetworkFacts? Facts { get; set; }

    /// <summary>Layout and placement are done: the network no longer changes.</summary>
    public bool Finished { get; set; }

    /// <summary>Layer attributes may be written before [Model] (an accept-or-reject feature).</summary>
    public bool ModelAttributeNotFirst { get; set; }

    /// <summary>Whether the user's own code in the class may call generated members (the surface exists for valid and network-invalid models).</summary>
    public bool SurfaceExpected => Scenario is Scenario.Valid or Scenario.NetworkInvalid or Scenario.CompilerMistake;

    /// <summary>A redundant Softmax or Sigmoid before the loss (PC0012, a warning) is allowed.</summary>
    public bool AllowRedundantActivation => Scenario is not Scenario.CompilerMistake;

    public UsageLevel Usage { get; set; }

    public bool IsStatic => Type.Modifiers.Contains("static");

    public bool IsAbstract => Type.Modifiers.Contains("abstract");

    public bool IsPartial => Type.IsPartial;

    /// <summary>
    /// Whether the class can have further declarations: it and every containing type are partial,
    /// and no containing type is generic or has a parameter list (only one declaration may).
    /// </summary>
    public bool CanRedeclare =>
        IsPartial && !Type.Modifiers.Contains("file")
        && Type.Chain().SkipLast(1).All(t => t.IsPartial && !t.IsGeneric && t.PrimaryConstructor.Length == 0);

    /// <summary>Whether code outside the class can name it: every type in the chain is public or internal.</summary>
    public bool IsAccessible => Type.Chain().All(t =>
        t.Container is null
            ? !t.Modifiers.Contains("file")
            : t.Modifiers.Contains("public") || t.Modifiers.Contains("internal") || (t.Container.Keyword == "interface" && !t.Modifiers.Contains("private")));

    public bool IsClass => Type.Keyword is "class";

    /// <summary>The program the class belongs to (features that add helper types or other models use it).</summary>
    public ProgramDraft Program { get; set; } = null!;

    /// <summary>The namespace block the class's main declaration goes in.</summary>
    public NamespaceBlock Block { get; set; } = null!;

    /// <summary>The containing types' blocks written around each declaration (their headers count as about this class).</summary>
    public List<TypeBlock> ContainerBlocks { get; } = [];

    /// <summary>The usage code written for the model.</summary>
    public List<TextBlock> UsageBlocks { get; } = [];

    /// <summary>The class must stay derivable (it is the base of another model).</summary>
    public bool MustBeInheritable { get; set; }

    public bool IsNested => Type.Container is not null;

    /// <summary>Records something done on purpose that makes the class wrong.</summary>
    public void Fault(Intent intent, string description)
    {
        Case.Intent |= intent;
        Case.Faults.Add(description);
        Case.Notes.Add(description);
    }

    /// <summary>Records a feature that should not change the outcome.</summary>
    public void Note(string description) => Case.Notes.Add(description);
}
