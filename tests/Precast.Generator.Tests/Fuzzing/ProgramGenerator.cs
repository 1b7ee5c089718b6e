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

        var network = NetworkFeatures.BuildValid(_ctx, scenario != Scenario.CompilerMistake, type.Name);
        var model = new ModelDraft(new ModelCase("M" + (_models.Count + 1)), scenario, type, network) { Program = this, Block = block };
        _models.Add(model);
        return model;
    }

    private void ApplyScenario(ModelDraft model)
    {
        switch (model.Scenario)
        {
            case Scenario.NetworkInvalid:
                Apply(model, NetworkFeatures.Faults);
                if (_ctx.Chance(0.15))
                    Apply(model, NetworkFeatures.Faults);
                break;
            case Scenario.DeclarationBroken:
                Apply(model, DeclarationFeatures.Faults);
                if (_ctx.Chance(0.2))
                    Apply(model, NetworkFeatures.Faults.Where(f => f.Name != "layers on two partial declarations"));
                break;
            case Scenario.CompilerMistake:
                Apply(model, MistakeFeatures.All);
                break;
            case Scenario.AcceptOrReject:
                Apply(model, DeclarationFeatures.AcceptOrReject);
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
        if (intent == Intent.AcceptOrReject && model.Case.Faults.All(f => f.StartsWith("net:", StringComparison.Ordinal)))
            return _ctx.Chance(0.5) ? UsageLevel.Surface : UsageLevel.None;
        if (intent == Intent.CompilerMistake && model.Network.ElementType is not null)
            return _ctx.Weighted((7, UsageLevel.None), (2, UsageLevel.Full), (1, UsageLevel.Surface));
        return UsageLevel.None;
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

        if (model.SplitNetwork)
        {
            int cut = _ctx.Between(1, lists.Count - 1);
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
        var usage = new TextBlock(UsageFeatures.Write(_ctx, model, reference, "Usage" + n));
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
            return file.Root;
        NamespaceBlock? existing = AllBlocks(file.Root).FirstOrDefault(b => b != file.Root && b.WrittenFullName == ns);
        if (existing is not null)
            return existing;
        bool empty = file.Root.Items.Count == 0 && file.Root.Children.Count == 0;
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

        var files = _files.Select(SourceWriter.Write).ToList();
        foreach (ModelDraft model in _models)
        {
            ModelCase c = model.Case;
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
        return new FuzzProgram(seed, index, files, _models.Select(m => m.Case).ToList(), documentation, nullable);
    }
}
