using Microsoft.CodeAnalysis;
using Precast.Generator.Tests.Fuzzing.Features;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>
/// Generates the program for (seed, index): 1 to 4 classes with Precast attributes spread over
/// files and namespaces, each made valid or broken on purpose by the features in
/// <c>Features/</c>, plus the code that uses them.
/// </summary>
internal static class ProgramGenerator
{
    public static FuzzProgram Generate(int seed, int index)
    {
        var ctx = new FuzzContext(seed, index);
        var program = new ProgramDraft(ctx);
        int count = ctx.Weighted((5, 1), (4, 2), (2, 3), (1, 4));
        for (int i = 0; i < count; i++)
        {
            program.AddModel(ctx.Weighted(
                (45, Scenario.Valid),
                (20, Scenario.NetworkInvalid),
                (15, Scenario.DeclarationBroken),
                (9, Scenario.CompilerMistake),
                (7, Scenario.AcceptOrReject),
                (2, Scenario.ModelTwice),
                (3, Scenario.NoModelAttribute)));
        }
        if (ctx.Chance(0.15))
            program.AddCaseTwin();
        return program.Build(seed, index);
    }
}

/// <summary>A program under construction: its files, its types (for unique names) and its models.</summary>
internal sealed class ProgramDraft
{
    private static readonly string?[] s_namespaces = [null, "App", "app", "App.Models", "Company.Product.Ml", "@int.App", "App.@class", "Models", "@namespace.Core"];

    private readonly FuzzContext _ctx;
    private readonly List<FileDraft> _files = [];
    private readonly List<ModelDraft> _models = [];
    private readonly List<TypeDecl> _types = [];
    private readonly HashSet<FileDraft> _ownFiles = [];
    private readonly bool _globalUsing;
    private FileDraft? _usageFile;

    public ProgramDraft(FuzzContext ctx)
    {
        _ctx = ctx;
        _globalUsing = ctx.Chance(0.15);
    }

    // ───────────────────────────── models ─────────────────────────────

    public ModelDraft AddModel(Scenario scenario)
    {
        NamespaceBlock block = ChooseBlock(_ctx.Weighted((3, (string?)null), (2, "App"), (6, PickNamespace())));
        bool redeclarable = scenario == Scenario.ModelTwice || _ctx.Chance(0.5);
        TypeDecl? container = _ctx.Chance(0.3) ? ChooseContainers(block, redeclarable) : null;
        ModelDraft model = Create(scenario, block, container, ChooseModelName(block, container), accessibility: null);
        ApplyScenario(model);
        Decorate(model);
        Finish(model);
        return model;
    }

    /// <summary>A valid public top-level model in <paramref name="block"/> that another model derives from.</summary>
    public ModelDraft AddBaseModel(NamespaceBlock block)
    {
        ModelDraft model = Create(Scenario.Valid, block, null, ChooseModelName(block, null), accessibility: "public");
        model.MustBeInheritable = true;
        model.Note("decl: the base class of another model");
        Decorate(model);
        Finish(model);
        return model;
    }

    /// <summary>Another valid model whose name differs from an existing valid one only in case (Model and model).</summary>
    public void AddCaseTwin()
    {
        ModelDraft? original = _models.FirstOrDefault(m => m.Scenario == Scenario.Valid && m.Case.Intent == Intent.ExpectedValid && m.CanRedeclare);
        if (original is null)
            return;
        string name = original.Type.Name;
        string swapped = (char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) : char.ToUpperInvariant(name[0])) + name[1..];
        string identifier = original.Type.Identifier.StartsWith('@') ? "@" + swapped : swapped;
        var probe = new TypeDecl(identifier, original.Type.Namespace, original.Type.Container);
        if (swapped == name || !IsFree(probe, identifier))
            return;
        ModelDraft twin = Create(Scenario.Valid, original.Block, original.Type.Container, identifier, accessibility: null);
        twin.Note($"decl: named like {original.Case.Id} but for case");
        Decorate(twin);
        Finish(twin);
    }

    private ModelDraft Create(Scenario scenario, NamespaceBlock block, TypeDecl? container, string identifier, string? accessibility)
    {
        var type = new TypeDecl(identifier, block, container);
        accessibility ??= container is null
            ? _ctx.Weighted((5, "public"), (2, "internal"), (2, ""))
            : container.Keyword == "interface" ? _ctx.Pick("public", "") : _ctx.Weighted((4, "public"), (3, "internal"), (1, "private"), (1, ""));
        if (accessibility.Length > 0)
            type.Modifiers.Add(accessibility);
        type.Modifiers.Add("partial");
        _types.Add(type);

        var model = new ModelDraft(new ModelCase("M" + (_models.Count + 1)), scenario, type, new NetworkDraft()) { Program = this, Block = block };
        _models.Add(model);
        model.Network = NetworkFeatures.BuildValid(_ctx, scenario != Scenario.CompilerMistake, type.Name, model);
        return model;
    }

    private void ApplyScenario(ModelDraft model)
    {
        switch (model.Scenario)
        {
            case Scenario.NetworkInvalid:
                Apply(model, NetworkFaults);
                if (_ctx.Chance(0.15))
                    Apply(model, NetworkFaults);
                break;
            case Scenario.DeclarationBroken:
                Apply(model, DeclarationFeatures.Faults);
                if (_ctx.Chance(0.2))
                    Apply(model, NetworkFaults.Where(f => f.Name != "layers on two partial declarations"));
                break;
            case Scenario.CompilerMistake:
                Apply(model, _ctx.Chance(CompositionShare) ? CompositionFeatures.Mistakes : MistakeFeatures.All);
                break;
            case Scenario.AcceptOrReject:
                Apply(model, _ctx.Chance(CompositionShare) ? CompositionFeatures.AcceptOrReject : DeclarationFeatures.AcceptOrReject);
                break;
            case Scenario.ModelTwice:
                if (!model.CanRedeclare)
                    throw new InvalidOperationException("ModelTwice needs a class that can be redeclared");
                model.ModelTwice = true;
                model.Fault(Intent.ModelTwice, "decl: [Model] on two partial declarations");
                break;
            case Scenario.NoModelAttribute:
                model.HasModelAttribute = false;
                model.Type.Identifier = ChooseFreeName(model.Type, DeclarationFeatures.NoModelNames);
                if (_ctx.Chance(0.4))
                    model.Type.Modifiers.Remove("partial");
                model.Fault(Intent.NoModelAttribute, "decl: layer attributes without [Model]" + (model.IsPartial ? "" : " on a non-partial class"));
                break;
        }
    }

    /// <summary>The share of network faults, compiler mistakes and accept-or-reject cases that are about composition.</summary>
    private const double CompositionShare = 0.35;

    /// <summary>The share of network faults that are about the convolutional layers.</summary>
    private const double ConvolutionShare = 0.3;

    /// <summary>Network faults: the plain ones and, about a third of the time each, composition ones and convolution ones.</summary>
    private IEnumerable<Feature<ModelDraft>> NetworkFaults =>
        _ctx.Chance(ConvolutionShare) ? ConvolutionFeatures.Faults
        : _ctx.Chance(CompositionShare) ? CompositionFeatures.Faults
        : NetworkFeatures.Faults;

    private void Apply(ModelDraft model, IEnumerable<Feature<ModelDraft>> features)
    {
        Feature<ModelDraft>? feature = _ctx.PickFeature(features, model);
        feature?.Apply(_ctx, model);
    }

    private void Decorate(ModelDraft model)
    {
        int count = _ctx.Weighted((3, 0), (4, 1), (2, 2), (1, 3));
        var applied = new HashSet<string>();
        for (int i = 0; i < count; i++)
        {
            Feature<ModelDraft>? feature = _ctx.PickFeature(DeclarationFeatures.Decorations.Where(f => !applied.Contains(f.Name)), model);
            if (feature is null)
                break;
            applied.Add(feature.Name);
            feature.Apply(_ctx, model);
        }
    }

    private void Finish(ModelDraft model)
    {
        if (model.Case.Intent == Intent.None)
            model.Case.Intent = Intent.ExpectedValid;
        Layout(model);
        Place(model);
        model.Finished = true;
        model.Facts = ShapeOracle.Run(model.Network.Layers, model.Network.Input);
        if (model.Scenario == Scenario.Valid && model.Case.Intent == Intent.ExpectedValid && !model.Facts.IsValid)
            throw new InvalidOperationException($"The fuzzer built an invalid network for valid model {model.Case.Id}: {model.Facts.Error}");
        model.Usage = ChooseUsage(model);
        if (model.Usage != UsageLevel.None)
            AddUsage(model);
    }

    private UsageLevel ChooseUsage(ModelDraft model)
    {
        if (!model.IsAccessible || !model.IsClass || model.IsStatic || !model.HasModelAttribute || model.Type.IsGeneric)
            return UsageLevel.None;
        Intent intent = model.Case.Intent;
        if (intent == Intent.ExpectedValid)
            return _ctx.Chance(0.6) ? UsageLevel.Full : UsageLevel.None;
        if (intent == Intent.NetworkInvalid)
            return _ctx.Chance(0.6) ? UsageLevel.Surface : UsageLevel.None;
        if (intent == Intent.AcceptOrReject && model.Case.Faults.All(f => f.StartsWith("net:", StringComparison.Ordinal) || f.StartsWith("comp:", StringComparison.Ordinal)))
            return _ctx.Chance(0.5) ? UsageLevel.Surface : UsageLevel.None;
        if (intent == Intent.CompilerMistake && model.Network.ElementType is not null)
            return _ctx.Weighted((7, UsageLevel.None), (2, UsageLevel.Full), (1, UsageLevel.Surface));
        return UsageLevel.None;
    }

    // ───────────────────────────── blocks ─────────────────────────────

    private readonly List<ModelDraft> _blocks = [];
    private readonly List<(TypeDecl Type, bool PreferShort, FileDraft? From)> _references = [];

    /// <summary>Which files' attributes name which types (or are about to): a file-local type may not hide one of them.</summary>
    private readonly HashSet<(FileDraft?, TypeDecl)> _uses = [];

    private static readonly (string Name, bool IsStatic, string Text)[] s_blockMembers =
    [
        ("Forward", false, "public int Forward(int x) => x;"),
        ("Summary", true, "public static string Summary() => \"a block\";"),
        ("Parameters", true, "public const int Parameters = 0;"),
        ("ToString", false, "public override string ToString() => \"block\";"),
        ("Units", true, "internal static readonly int[] Units = [4, 4];"),
    ];

    /// <summary>
    /// A new [Block] class for <paramref name="owner"/> (a model or a block) to use, in the owner's
    /// namespace or any other, in a file of its own choosing, nested in a containing type or in the
    /// model itself, with the modifiers and members users give blocks. Its layers are added by the
    /// caller, which then calls <see cref="FinishBlock"/> (until then it is not written).
    /// </summary>
    /// <param name="owner">The class whose attribute uses the block.</param>
    /// <param name="redeclarable">The block must be partial and allow more declarations (for layers split over two).</param>
    /// <param name="sameFile">The block goes in the owner's file and namespace.</param>
    public ModelDraft NewBlock(ModelDraft owner, bool redeclarable = false, bool sameFile = false)
    {
        NamespaceBlock block = sameFile || _ctx.Chance(0.35) ? owner.Block : ChooseBlock(_ctx.Weighted((2, (string?)null), (2, "App"), (4, PickNamespace())));
        TypeDecl? container = null;
        TypeBlock? host = null;
        double where = _ctx.Random.NextDouble();
        bool canHost = !redeclarable && !owner.IsBlock && owner.Scenario is Scenario.Valid or Scenario.NetworkInvalid
            && owner.IsClass && owner.IsAccessible && !owner.Type.Chain().Any(t => t.IsGeneric);
        if (canHost && where < 0.1)
        {
            host = owner.Main;
            container = owner.Type;
            block = owner.Block;
        }
        else if (where < 0.3)
        {
            container = redeclarable || _ctx.Chance(0.5)
                ? ChooseContainers(block, redeclarable: true)!
                : NewContainer(block, null, _ctx.Pick("class", "class", "struct", "record", "interface"), [_ctx.Pick("public", "internal")], partial: false);
            if (container.Keyword == "interface")
                container.Modifiers.RemoveAll(m => m == "internal");
            if (!container.Modifiers.Contains("public") && !container.Modifiers.Contains("internal"))
                container.Modifiers.Insert(0, "public");
        }

        var probe = new TypeDecl("X", block, container);
        string identifier = ChooseFreeName(probe, CompositionFeatures.BlockNames);
        bool fileLocal = false;
        // Only a valid model's attributes (which stay where they are written) use a file-local block, of their own file.
        bool fileLocalAllowed = container is null && !redeclarable && !owner.IsBlock && owner.Scenario == Scenario.Valid && block.File == owner.Block.File;
        // A file-local block named like a public one of the same namespace in another file: in its file it hides the other.
        if (fileLocalAllowed && _ctx.Chance(0.12)
            && _blocks.FirstOrDefault(b => b.Reusable && b.Type.Container is null && b.Type.Namespace.WrittenFullName == block.WrittenFullName
                && b.Type.Namespace.File != block.File && !b.Type.Modifiers.Contains("file")
                && !_uses.Contains((block.File, b.Type))
                && !_types.Any(t => t.Namespace.File == block.File && t.MetadataName == b.Type.MetadataName)) is { } hidden)
        {
            identifier = hidden.Type.Identifier;
            fileLocal = true;
        }

        var type = new TypeDecl(identifier, block, container);
        if (fileLocal || (fileLocalAllowed && _ctx.Chance(0.1)))
            type.Modifiers.Add("file");
        else if (container is null)
            type.Modifiers.Add(_ctx.Weighted((6, "public"), (3, "internal"), (2, "")));
        else
            type.Modifiers.Add(container.Keyword == "interface" ? _ctx.Pick("public", "") : _ctx.Weighted((7, "public"), (3, "internal")));
        bool isStatic = _ctx.Chance(0.12);
        if (isStatic)
            type.Modifiers.Add("static");
        else if (_ctx.Chance(0.35))
            type.Modifiers.Add("sealed");
        else if (_ctx.Chance(0.06))
            type.Modifiers.Add("abstract");
        if (!isStatic && _ctx.Chance(0.06))
            type.Keyword = _ctx.Pick("record", "record class");
        if (redeclarable || _ctx.Chance(0.4))
            type.Modifiers.Add("partial");
        _types.Add(type);

        var network = new NetworkDraft();
        network.Model.Name = "Block";
        network.Model.LongName = _ctx.Chance(0.05);
        network.Model.EmptyParentheses = _ctx.Chance(0.1);
        var draft = new ModelDraft(new ModelCase("B" + (_blocks.Count + 1)), Scenario.Valid, type, network)
        {
            Program = this,
            Block = block,
            IsBlock = true,
            Host = host,
            ModelAttributeNotFirst = _ctx.Chance(0.1),
        };
        _blocks.Add(draft);
        draft.Note("block: " + string.Join(" ", type.Modifiers.Append(type.Keyword)) + (host is not null ? ", nested in the model that uses it" : container is not null ? $" nested in {container.Keyword} {container.Name}" : ""));

        if (!isStatic && _ctx.Chance(0.05))
        {
            type.PrimaryConstructor = "(int Size)";
            draft.Note("block: primary constructor");
        }
        if (!isStatic && type.Keyword == "class" && type.PrimaryConstructor.Length == 0 && _ctx.Chance(0.05))
        {
            string baseName = "FuzzBlockBase" + _ctx.Next("FuzzBlockBase");
            draft.Helpers.Add(new TextBlock([$"public abstract class {baseName}", "{", "    public int Depth { get; init; }", "}"]));
            type.Bases.Add(baseName);
            draft.Note("block: base class");
        }
        if (_ctx.Chance(0.15))
            draft.Main.DocComment.Add("/// <summary>A block of layers that models use.</summary>");
        if (_ctx.Chance(0.2))
        {
            var member = _ctx.Pick(s_blockMembers.Where(m => m.IsStatic || !isStatic).ToArray());
            draft.Main.Members.Add(member.Text);
            draft.Note($"block: member {member.Name}");
        }
        if (host is null && draft.CanRedeclare && _ctx.Chance(0.1))
        {
            var part = new TypeBlock(type) { WriteBases = false, IsMain = false };
            part.Members.Add(isStatic ? "public static int Extra() => 1;" : "public int Extra() => 1;");
            draft.ExtraParts.Add(part);
            draft.Note("block: another partial declaration with members");
        }
        return draft;
    }

    /// <summary>Lays the block out and writes it; a <paramref name="reusable"/> block may then be used by any class that can see it.</summary>
    public void FinishBlock(ModelDraft block, bool reusable)
    {
        if (block.Case.Intent == Intent.None)
            block.Case.Intent = Intent.ExpectedValid;
        block.Reusable = reusable && block.Case.Intent == Intent.ExpectedValid && !block.Type.IsGeneric;
        Layout(block);
        Place(block);
        block.Finished = true;
    }

    /// <summary>A class with layers, valid at <paramref name="x"/>, but without [Block] (nor [Model]): PC0018 on it, PC0019 where it is used.</summary>
    public ModelDraft NewClassWithoutBlock(ModelDraft owner, int[] x)
    {
        ModelDraft draft = NewBlock(owner);
        draft.HasModelAttribute = false;
        var shape = new List<int>(x);
        NetworkFeatures.AddLayer(_ctx, draft.Network, shape, _ctx.Pick("Relu", "Tanh"));
        if (_ctx.Chance(0.5))
            NetworkFeatures.AddDense(_ctx, draft.Network, shape, x[^1], keepRank: true);
        draft.Fault(Intent.NoModelAttribute, "decl: layer attributes without [Block], used as a block");
        FinishBlock(draft, reusable: false);
        return draft;
    }

    /// <summary>Declares a helper type (<paramref name="template"/> with {0} for its name) in the model's namespace; returns how to name it from anywhere.</summary>
    public string AddHelperType(ModelDraft model, string template)
    {
        string name = "FuzzType" + _ctx.Next("FuzzType");
        model.Helpers.Add(new TextBlock([template.Replace("{0}", name, StringComparison.Ordinal)]));
        return "global::" + (model.Block.WrittenFullName is { } ns ? ns + "." : "") + name;
    }

    /// <summary>
    /// <c>typeof(...)</c> of <paramref name="target"/> as written in <paramref name="from"/>'s
    /// attributes: a token resolved when the file is written, to the short name when that is
    /// unambiguous there (sometimes), else the global one.
    /// </summary>
    public string TypeOf(ModelDraft from, TypeDecl target)
    {
        _references.Add((target, _ctx.Chance(0.4), from.Block.File));
        NoteUse(from, target);
        return $"typeof({{TYPE:{_references.Count - 1}}})";
    }

    /// <summary>Records that <paramref name="from"/>'s attributes will name <paramref name="target"/>.</summary>
    public void NoteUse(ModelDraft from, TypeDecl target) => _uses.Add((from.Block.File, target));

    private string Resolve(int reference, string? writtenNamespace)
    {
        (TypeDecl target, bool preferShort, _) = _references[reference];
        bool unique = _types.Count(t => t.Name == target.Name) == 1;
        return preferShort && unique && target.Container is null && target.Namespace.WrittenFullName == writtenNamespace
            ? target.Identifier
            : target.GlobalName;
    }

    /// <summary>The blocks <paramref name="from"/> may use: reusable blocks and valid [Model] classes it can see.</summary>
    public IEnumerable<ModelDraft> UsableBlocks(ModelDraft from) =>
        _blocks.Where(b => b.Reusable && b.Finished)
            .Concat(_models.Where(m => m.Finished && UsableAsBlock(m)))
            .Where(b => b != from && CanReference(from, b.Type));

    /// <summary>A [Model] whose network is right and whose class can be named anywhere (declaration faults do not matter to its use as a block).</summary>
    private static bool UsableAsBlock(ModelDraft model) =>
        !model.IsBlock && model.HasModelAttribute && model.Network.Model.Name == "Model" && !model.ModelTwice
        && model.Network.Layers.Count > 0 && model.Facts is { IsValid: true }
        // A double model's slopes and rates may not fit float; a float model's fit both.
        && model.Network.ElementType == "float"
        && model.Case.Faults.All(f => f.StartsWith("decl:", StringComparison.Ordinal))
        && model.IsAccessible && !model.Type.Chain().Any(t => t.IsGeneric);

    /// <summary>Whether an attribute of <paramref name="from"/> can name <paramref name="target"/> and mean it (file-local types hide others in their file).</summary>
    private bool CanReference(ModelDraft from, TypeDecl target)
    {
        FileDraft? file = from.Block.File;
        if (target.Chain().Any(t => t.Modifiers.Contains("file")))
            return target.Namespace.File == file && (from.IsBlock || from.Scenario == Scenario.Valid);
        return !_types.Any(t => t != target && t.Modifiers.Contains("file") && t.Namespace.File == file && t.MetadataName == target.MetadataName);
    }

    // ───────────────────────────── attribute lists and declarations ─────────────────────────────

    private void Layout(ModelDraft model)
    {
        var sequence = model.Network.Sequence().ToList();
        if (!model.HasModelAttribute)
            sequence.RemoveAt(0);
        if (model.ModelAttributeNotFirst && sequence.Count > 1)
        {
            AttributeDraft first = sequence[0];
            sequence.RemoveAt(0);
            sequence.Insert(_ctx.Between(1, sequence.Count), first);
        }
        var lists = Chunk(sequence, forceSeveral: model.SplitNetwork);
        if (model.IsBlock && model.SplitNetwork)
        {
            // [Block] is not part of the order: the layers themselves must be on both declarations.
            var head = new AttributeListDraft();
            head.Attributes.AddRange(sequence.Take(2));
            var rest = new AttributeListDraft();
            rest.Attributes.AddRange(sequence.Skip(2));
            lists = [head, rest];
        }

        if (model.SplitNetwork)
        {
            int cut = model.IsBlock ? 1 : _ctx.Between(1, lists.Count - 1);
            var second = new TypeBlock(model.Type) { WriteBases = false, IsMain = false };
            second.AttributeLists.AddRange(lists.Skip(cut));
            lists = lists.Take(cut).ToList();
            model.ExtraParts.Insert(0, second);
        }
        model.Main.AttributeLists.AddRange(lists);

        if (model.ModelTwice)
        {
            var twice = new TypeBlock(model.Type) { WriteBases = false, IsMain = false };
            var list = new AttributeListDraft();
            var again = new AttributeDraft("Model");
            again.SetNamed("Input", NetworkFeatures.IntArray(_ctx, model.Network.Input));
            list.Attributes.Add(again);
            twice.AttributeLists.Add(list);
            if (_ctx.Chance(0.5))
                twice.Members.Add("private int _userState;");
            model.ExtraParts.Add(twice);
        }
    }

    private List<AttributeListDraft> Chunk(List<AttributeDraft> sequence, bool forceSeveral)
    {
        var lists = new List<AttributeListDraft>();
        foreach (AttributeDraft attribute in sequence)
        {
            bool startNew = lists.Count == 0
                || lists[^1].Attributes[0].Name == "Model" && _ctx.Chance(0.7)
                || _ctx.Chance(0.55)
                || (forceSeveral && lists.Count == 1 && attribute == sequence[^1]);
            if (startNew)
            {
                lists.Add(new AttributeListDraft
                {
                    SameLine = lists.Count > 0 && _ctx.Chance(0.08),
                    Target = _ctx.Chance(0.03) ? "type: " : "",
                    TrailingComment = _ctx.Chance(0.05) ? "// " + _ctx.Pick("hidden layer", "the output", "TODO tune") : null,
                });
            }
            lists[^1].Attributes.Add(attribute);
        }
        return lists;
    }

    private void Place(ModelDraft model)
    {
        NamespaceBlock block = model.Block;
        if (model.OwnFile)
        {
            FileDraft file = NewFile();
            _ownFiles.Add(file);
            block = FindOrCreateBlock(file, model.Block.WrittenFullName)!;
            model.Block = block;
            model.Case.OwnFiles.Add(file.Path);
        }
        block.Items.AddRange(model.Helpers);
        if (model.Host is { } host)
            host.Children.Add(model.Main);
        else
            block.Items.Add(Wrap(model, model.Main));
        foreach (TypeBlock part in model.ExtraParts)
        {
            NamespaceBlock target = block;
            if (!model.OwnFile && _ctx.Chance(0.5))
            {
                FileDraft[] others = _files.Where(f => f != _usageFile && !_ownFiles.Contains(f)).ToArray();
                FileDraft file = others.Length == 0 || _ctx.Chance(0.5) ? NewFile() : _ctx.Pick(others);
                target = FindOrCreateBlock(file, block.WrittenFullName) ?? FindOrCreateBlock(NewFile(), block.WrittenFullName)!;
            }
            target.Items.Add(Wrap(model, part));
        }
    }

    /// <summary>Puts a declaration of the model inside a declaration of each of its containing types.</summary>
    private static FileItem Wrap(ModelDraft model, TypeBlock declaration)
    {
        FileItem item = declaration;
        for (TypeDecl? outer = model.Type.Container; outer is not null; outer = outer.Container)
        {
            var block = new TypeBlock(outer);
            block.Children.Add(item);
            model.ContainerBlocks.Add(block);
            item = block;
        }
        return item;
    }

    private void AddUsage(ModelDraft model)
    {
        int n = _ctx.Next("Usage");
        bool sameBlock = !model.OwnFile && _ctx.Chance(0.5);
        string reference = sameBlock ? model.Type.RelativeName : model.Type.GlobalName;
        bool importsPrecast = sameBlock && model.Block.File!.Imports is ImportStyle.Using or ImportStyle.GlobalUsing;
        var usage = new TextBlock(UsageFeatures.Write(_ctx, model, reference, "Usage" + n, importsPrecast));
        if (sameBlock)
        {
            model.Block.Items.Add(usage);
        }
        else
        {
            _usageFile ??= AddFile(new FileDraft("Usage.cs", ImportStyle.GlobalQualified));
            _usageFile.Root.Items.Add(usage);
        }
        model.UsageBlocks.Add(usage);
        model.Note($"usage: {model.Usage} ({(sameBlock ? "after the model" : "in Usage.cs")})");
    }

    // ───────────────────────────── names and types ─────────────────────────────

    private string ChooseModelName(NamespaceBlock block, TypeDecl? container)
    {
        var probe = new TypeDecl("X", block, container);
        string[] pool = _ctx.Chance(0.12) ? DeclarationFeatures.KeywordNames : DeclarationFeatures.ModelNames;
        return ChooseFreeName(probe, pool);
    }

    private string ChooseFreeName(TypeDecl probe, string[] pool)
    {
        foreach (string name in pool.OrderBy(_ => _ctx.Random.Next()))
        {
            if (IsFree(probe, name))
                return name;
        }
        for (int i = 2; ; i++)
        {
            string name = pool[0].TrimStart('@') + i;
            if (IsFree(probe, name))
                return name;
        }
    }

    /// <summary>Whether <paramref name="type"/> could be called <paramref name="identifier"/> without two types sharing a name.</summary>
    public bool IsFree(TypeDecl type, string identifier)
    {
        string original = type.Identifier;
        type.Identifier = identifier;
        string name = type.MetadataName;
        type.Identifier = original;
        // A type may not share its full name with a namespace either (App.@class is a namespace the
        // programs use, so a class 'class' in App would collide with it: CS0101, the user's mistake).
        return !_types.Any(t => t != type && t.MetadataName == name)
            && !(type.Container is { } c && c.Name == identifier.TrimStart('@'))
            && !s_namespaces.Any(ns => ns is not null && ns.Replace("@", "") == name.Replace("@", ""));
    }

    private TypeDecl? ChooseContainers(NamespaceBlock block, bool redeclarable)
    {
        TypeDecl? outer = null;
        int depth = _ctx.Chance(0.8) ? 1 : 2;
        for (int i = 0; i < depth; i++)
            outer = ChooseContainer(block, outer, redeclarable);
        return outer;
    }

    /// <summary>A partial containing type: an existing one of that name when it can be reused, else a new one.</summary>
    private TypeDecl ChooseContainer(NamespaceBlock block, TypeDecl? parent, bool redeclarable)
    {
        (string keyword, string modifiers, string primary) = _ctx.Weighted(
            (5, ("class", "public", "")),
            (2, ("class", "public static", "")),
            (1, ("class", "internal", "")),
            (1, ("struct", "public", "")),
            (0.5, ("struct", "public readonly", "")),
            (0.5, ("struct", "public ref", "")),
            (1, ("record", "public", "")),
            (0.5, ("record class", "internal", "")),
            (0.5, ("record struct", "public", "")),
            (0.5, ("interface", "public", "")),
            (redeclarable ? 0 : 0.5, ("record", "public", "(int Value)")));
        string name = keyword == "interface" ? "I" + _ctx.Pick("Host", "Zoo") : _ctx.Pick(DeclarationFeatures.ContainerNames);
        var probe = new TypeDecl(name, block, parent);
        TypeDecl? existing = _types.FirstOrDefault(t => t.MetadataName == probe.MetadataName);
        if (existing is not null && existing.IsPartial && !existing.IsGeneric && existing.PrimaryConstructor.Length == 0 && existing.Namespace.WrittenFullName == block.WrittenFullName)
            return existing;
        TypeDecl created = NewContainer(block, parent, keyword, modifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries), partial: true);
        created.PrimaryConstructor = primary;
        return created;
    }

    /// <summary>A new containing type with a name no other type has.</summary>
    public TypeDecl NewContainer(NamespaceBlock block, TypeDecl? parent, string keyword, IEnumerable<string> modifiers, bool partial)
    {
        var type = new TypeDecl("X", block, parent) { Keyword = keyword };
        type.Identifier = ChooseFreeName(type, keyword == "interface" ? ["IHost", "IZoo"] : DeclarationFeatures.ContainerNames);
        type.Modifiers.AddRange(modifiers);
        // A nested containing type inside an interface or a struct: plain public.
        if (parent is not null)
            type.Modifiers.RemoveAll(m => m is "internal");
        if (partial)
            type.Modifiers.Add("partial");
        _types.Add(type);
        return type;
    }

    // ───────────────────────────── files and namespaces ─────────────────────────────

    private string? PickNamespace() => _ctx.Pick(s_namespaces);

    private NamespaceBlock ChooseBlock(string? ns)
    {
        var candidates = _files.Where(f => f != _usageFile && !_ownFiles.Contains(f)).ToList();
        if (candidates.Count > 0 && (candidates.Count >= 3 || _ctx.Chance(0.5)))
        {
            FileDraft file = _ctx.Pick(candidates.ToArray());
            if (FindOrCreateBlock(file, ns) is { } block)
                return block;
        }
        return FindOrCreateBlock(NewFile(), ns)!;
    }

    private FileDraft NewFile()
    {
        ImportStyle imports = _ctx.Weighted(
            (10, ImportStyle.Using),
            (_globalUsing ? 3 : 0, ImportStyle.GlobalUsing),
            (3, ImportStyle.GlobalQualified),
            (2, ImportStyle.Qualified),
            (2, ImportStyle.Alias));
        var file = new FileDraft($"Source{_files.Count(f => f.Path.StartsWith("Source", StringComparison.Ordinal)) + 1}.cs", imports);
        if (imports == ImportStyle.Using)
            file.Header.Add("using Precast;");
        else if (imports == ImportStyle.Alias)
            file.Header.Add("using P = Precast;");
        if (_ctx.Chance(0.2))
            file.Header.Insert(0, "using System;");
        return AddFile(file);
    }

    private FileDraft AddFile(FileDraft file)
    {
        _files.Add(file);
        return file;
    }

    /// <summary>The block of namespace <paramref name="ns"/> in <paramref name="file"/>, created if the file can hold it; null if it cannot.</summary>
    private NamespaceBlock? FindOrCreateBlock(FileDraft file, string? ns)
    {
        NamespaceBlock? fileScoped = file.Root.Children.FirstOrDefault(c => c.Style == NamespaceStyle.FileScoped);
        if (fileScoped is not null)
            return fileScoped.WrittenFullName == ns ? fileScoped : null;
        if (ns is null)
        {
            // Claimed now, filled later: the file can no longer become file-scoped.
            file.RootClaimed = true;
            return file.Root;
        }
        NamespaceBlock? existing = AllBlocks(file.Root).FirstOrDefault(b => b != file.Root && b.WrittenFullName == ns);
        if (existing is not null)
            return existing;
        bool empty = file.Root.Items.Count == 0 && file.Root.Children.Count == 0 && !file.RootClaimed;
        if (empty && _ctx.Chance(0.5))
        {
            var scoped = new NamespaceBlock(NamespaceStyle.FileScoped, ns, null) { File = file };
            file.Root.Children.Add(scoped);
            return scoped;
        }
        int dot = ns.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && _ctx.Chance(0.4))
        {
            string head = ns[..dot];
            NamespaceBlock outer = file.Root.Children.FirstOrDefault(b => b.WrittenName == head)
                ?? Add(file.Root, new NamespaceBlock(NamespaceStyle.Block, head, null) { File = file });
            return Add(outer, new NamespaceBlock(NamespaceStyle.Block, ns[(dot + 1)..], outer) { File = file });
        }
        return Add(file.Root, new NamespaceBlock(NamespaceStyle.Block, ns, null) { File = file });

        static NamespaceBlock Add(NamespaceBlock parent, NamespaceBlock child)
        {
            parent.Children.Add(child);
            return child;
        }
    }

    private static IEnumerable<NamespaceBlock> AllBlocks(NamespaceBlock block) =>
        new[] { block }.Concat(block.Children.SelectMany(AllBlocks));

    // ───────────────────────────── the finished program ─────────────────────────────

    public FuzzProgram Build(int seed, int index)
    {
        if (_globalUsing)
            _files.Insert(0, new FileDraft("GlobalUsings.cs", ImportStyle.Using) { Header = { "global using Precast;" } });
        if (_ctx.Constants.Count > 0)
        {
            var helpers = new FileDraft("FuzzSizes.cs", ImportStyle.Using);
            helpers.Root.Items.Add(new TextBlock(new[] { "internal static class FuzzSizes", "{" }.Concat(_ctx.Constants.Values.Select(c => "    " + c)).Append("}")));
            _files.Add(helpers);
        }
        // The usage file goes last so that it reads after the models.
        if (_usageFile is not null)
        {
            _files.Remove(_usageFile);
            _files.Add(_usageFile);
        }

        var files = _files.Select(f => SourceWriter.Write(f, Resolve)).ToList();
        foreach (ModelDraft model in _models.Concat(_blocks.Where(b => b.Finished)))
        {
            ModelCase c = model.Case;
            c.Role = model.IsBlock && model.HasModelAttribute ? ClassRole.Block : ClassRole.Model;
            c.ExpectedSites.AddRange(model.FaultSites.SelectMany(a => a.WrittenAt));
            c.ExpectedIds.AddRange(model.ExpectedIds);
            c.MistakePlaces.AddRange(model.MistakeBlocks.SelectMany(b => b.Main.WrittenAt.Concat(b.ExtraParts.SelectMany(p => p.WrittenAt))));
            // Only when the fuzzer knows the network is as written: its Input as declared, no deliberate fault in it.
            if (model.Facts is { IsValid: true } facts && model.Network.InputKnown
                && !c.Faults.Any(f => f.StartsWith("net:", StringComparison.Ordinal) || f.StartsWith("mistake:", StringComparison.Ordinal)))
            {
                c.ExpectedParameters = facts.Parameters;
                c.ExpectedOutput = facts.Output;
                c.ExpectedWarnings.AddRange(facts.Warnings.Select(w => (w.Id, w.Site.WrittenAt)));
            }
            c.Name = model.Type.Name;
            c.Display = (model.Type.Namespace.WrittenFullName is { } ns ? ns + "." : "") + model.Type.RelativeName + model.Type.TypeParameters;
            c.MetadataName = model.Type.Modifiers.Contains("file") || model.Type.Chain().Any(t => t.IsGeneric) ? null : model.Type.MetadataName;
            c.Declarations.AddRange(model.Main.WrittenAt);
            c.Declarations.AddRange(model.ExtraParts.SelectMany(p => p.WrittenAt));
            c.Related.AddRange(model.ContainerBlocks.SelectMany(b => b.HeaderAt));
            c.Related.AddRange(model.RelatedHelpers.SelectMany(h => h.WrittenAt));
            c.Usages.AddRange(model.UsageBlocks.SelectMany(u => u.WrittenAt));
        }
        DocumentationMode documentation = _ctx.Chance(0.2) ? DocumentationMode.Diagnose : DocumentationMode.Parse;
        NullableContextOptions nullable = _ctx.Weighted((7, NullableContextOptions.Enable), (2, NullableContextOptions.Disable), (1, NullableContextOptions.Warnings));
        return new FuzzProgram(seed, index, files, _models.Concat(_blocks.Where(b => b.Finished)).Select(m => m.Case).ToList(), documentation, nullable);
    }
}
