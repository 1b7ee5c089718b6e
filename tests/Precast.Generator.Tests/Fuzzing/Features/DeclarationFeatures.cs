namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// The class around the network: names, modifiers, containing types, base classes, user members
/// and further partial declarations. <see cref="Decorations"/> keep a model valid,
/// <see cref="Faults"/> make its declaration unable to host the generated code, and
/// <see cref="AcceptOrReject"/> are things Precast may support or refuse.
/// </summary>
internal static class DeclarationFeatures
{
    public static readonly string[] ModelNames = ["Encoder", "Classifier", "Net", "Mlp", "Scorer", "Model", "model", "Regressor", "Tiny", "Autoencoder"];

    /// <summary>Names that need @ (or are contextual keywords written with it).</summary>
    public static readonly string[] KeywordNames = ["@return", "@struct", "@true", "@record", "@var", "@event", "@class"];

    public static readonly string[] ContainerNames = ["Outer", "Host", "Zoo", "Wrapper", "@default"];

    public static readonly string[] NoModelNames = ["Block", "Features", "Stem", "Trunk"];

    /// <summary>Members every model always gets, so a class of that name cannot hold them (PC0015).</summary>
    private static readonly string[] s_generatedMemberNames =
        ["Predict", "Summary", "Forward", "Backward", "InputSize", "OutputSize", "Parameters", "Gradients", "ZeroGradients", "MaxBatch", "IsTraining"];

    // ───────────────────────────── decorations: still valid ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Decorations =
    [
        new("sealed", 3, m => m.IsClass && !m.IsStatic && !m.IsAbstract && !m.MustBeInheritable, Sealed),
        new("abstract", 1.5, m => m.IsClass && !m.IsStatic && !m.Type.Modifiers.Contains("sealed") && !m.MustBeInheritable, Abstract),
        new("doc comment", 3, DocComment),
        new("base class with a parameterless constructor", 2, m => m.IsClass && !m.IsStatic && m.Type.Bases.Count == 0, BaseWithConstructor),
        new("implements IDisposable", 1.5, m => !m.IsStatic && !m.Type.Bases.Any(b => b.Contains("IDisposable", StringComparison.Ordinal)), Disposable),
        new("user members", 4, UserMembers),
        new("constructor chaining to the generated one", 1.5, m => !m.IsStatic && m.SurfaceExpected && m.Type.PrimaryConstructor.Length == 0 && m.Type.Keyword != "struct", ChainingConstructor),
        new("user code calling generated members", 1.5, m => !m.IsStatic && m.SurfaceExpected, CallsGeneratedMembers),
        new("a user method named nameof", 0.7, NameofMethod),
        new("a user AsSpan extension in the model's namespace", 0.4, AsSpanExtension),
        new("another partial declaration with members", 2, m => m.CanRedeclare && !m.OwnFile, ExtraPartial),
    ];

    private static void Sealed(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Modifiers.Insert(model.Type.Modifiers.IndexOf("partial") is var i and >= 0 ? i : model.Type.Modifiers.Count, "sealed");
        model.Note("decl: sealed");
    }

    private static void Abstract(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Modifiers.Insert(model.Type.Modifiers.IndexOf("partial") is var i and >= 0 ? i : model.Type.Modifiers.Count, "abstract");
        model.Note("decl: abstract");
    }

    private static void DocComment(FuzzContext ctx, ModelDraft model)
    {
        if (ctx.Chance(0.5))
            model.Main.DocComment.Add("/// <summary>The user's own documentation of the model.</summary>");
        else
            model.Main.DocComment.AddRange(["/// <summary>", "/// The user's own documentation, <see cref=\"object\"/> included.", "/// </summary>", "/// <remarks>Written by hand.</remarks>"]);
        model.Note("decl: existing doc comment");
    }

    private static void BaseWithConstructor(FuzzContext ctx, ModelDraft model)
    {
        string name = "FuzzBase" + ctx.Next("FuzzBase");
        model.Helpers.Add(new TextBlock(ctx.Pick<string[]>(
            [$"public class {name}", "{", "    public int UserValue { get; set; }", "}"],
            [$"public abstract class {name}", "{", $"    protected {name}()", "    {", "    }", "", $"    public {name}(int size)", "    {", "    }", "}"])));
        model.Type.Bases.Insert(0, name);
        model.Note("decl: base class with a parameterless constructor");
    }

    private static void Disposable(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Bases.Add("global::System.IDisposable");
        model.Main.Members.Add("public void Dispose()\n{\n}");
        model.Note("decl: implements IDisposable");
    }

    private static readonly (string Name, bool IsStatic, string Text)[] s_userMembers =
    [
        ("_userState", false, "private readonly int _userState = 1;"),
        ("Twice", false, "public int Twice(int x) => 2 * x + _userValue;\nprivate int _userValue;"),
        ("Describe", true, "public static string Describe() => \"user\";"),
        ("Forward", false, "public void Forward(int steps)\n{\n}"),
        ("Summary", false, "public string Summary(string prefix) => prefix;"),
        ("ToString", false, "public override string ToString() => \"user model\";"),
        ("UserProperty", false, "internal int UserProperty { get; set; }"),
        ("UserShape", true, "public static readonly int[] UserShape = [1, 2];"),
        ("Trained", false, "public event global::System.EventHandler? Trained;\nprivate void OnTrained() => Trained?.Invoke(this, global::System.EventArgs.Empty);"),
    ];

    private static void UserMembers(FuzzContext ctx, ModelDraft model)
    {
        var candidates = s_userMembers
            .Where(m => (m.IsStatic || !model.IsStatic) && m.Name != model.Type.Name && !model.Main.Members.Any(x => x.Contains(m.Name, StringComparison.Ordinal)))
            .ToArray();
        int count = Math.Min(candidates.Length, ctx.Between(1, 3));
        foreach (var member in candidates.OrderBy(_ => ctx.Random.Next()).Take(count))
        {
            model.Main.Members.Add(member.Text);
            model.Note($"decl: user member {member.Name}");
        }
    }

    private static void ChainingConstructor(FuzzContext ctx, ModelDraft model)
    {
        string access = model.IsAbstract ? "protected" : "public";
        model.Main.Members.Add($"{access} {{Self}}()\n    : this(1)\n{{\n}}");
        model.Note("decl: parameterless constructor chaining to the generated one");
    }

    private static void CallsGeneratedMembers(FuzzContext ctx, ModelDraft model)
    {
        model.Main.Members.Add("public int UserParameterCount()\n{\n    ZeroGradients();\n    return Parameters.Length;\n}\n\npublic string UserSummary() => Summary();");
        model.Note("decl: user code in the class calling Summary, ZeroGradients, Parameters");
    }

    private static void NameofMethod(FuzzContext ctx, ModelDraft model)
    {
        model.Main.Members.Add(model.IsStatic ? "private static int nameof(int value) => value;" : ctx.Pick("private static int nameof(int value) => value;", "private void nameof()\n{\n}"));
        model.Note("decl: a user method named nameof");
    }

    private static void AsSpanExtension(FuzzContext ctx, ModelDraft model)
    {
        string name = "FuzzSpanExtensions" + ctx.Next("FuzzSpanExtensions");
        model.Helpers.Add(new TextBlock(
        [
            $"public static class {name}",
            "{",
            "    public static int AsSpan(this float[] array, int start, int length) => start + length;",
            "",
            "    public static int AsSpan(this double[] array, int start, int length) => start + length;",
            "}",
        ]));
        model.Note("decl: a user extension method AsSpan(this float[], int, int) in the model's namespace");
    }

    private static void ExtraPartial(FuzzContext ctx, ModelDraft model)
    {
        int n = ctx.Next("Extra");
        var part = new TypeBlock(model.Type) { WriteBases = ctx.Chance(0.3), IsMain = false };
        part.Members.Add(model.IsStatic ? $"public static int Extra{n}() => {n};" : $"public int Extra{n}() => {n};");
        if (ctx.Chance(0.3))
            part.DocComment.Add("/// <summary>Another part of the model.</summary>");
        model.ExtraParts.Add(part);
        model.Note("decl: another partial declaration with members");
    }

    // ───────────────────────────── faults: DeclarationBroken ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Faults =
    [
        new("not partial", 3, NotPartial),
        new("static class", 2, m => m.Main.Members.Count == 0, Static),
        new("generic class", 2, Generic),
        new("file-local class", 1.5, m => !m.IsNested, FileLocal),
        new("nested in a non-partial type", 2.5, NonPartialContainer),
        new("nested in a generic type", 1.5, GenericContainer),
        new("primary constructor", 2, PrimaryConstructor),
        new("base class without a parameterless constructor", 2, m => m.Type.Bases.Count == 0, BaseWithoutParameterlessConstructor),
        new("member clashes with a generated member", 4, m => !m.IsStatic, ClashingMember),
        new("class named like a generated member", 2, ClassNamedLikeMember),
    ];

    private static void Broken(ModelDraft model, string description) => model.Fault(Intent.DeclarationBroken, "decl: " + description);

    private static void NotPartial(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Modifiers.Remove("partial");
        Broken(model, "not partial");
    }

    private static void Static(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Modifiers.Insert(model.Type.Modifiers.IndexOf("partial"), "static");
        Broken(model, "static class");
    }

    private static void Generic(FuzzContext ctx, ModelDraft model)
    {
        model.Type.TypeParameters = ctx.Pick("<T>", "<TInput, TOutput>");
        Broken(model, "generic class " + model.Type.TypeParameters);
    }

    private static void FileLocal(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Modifiers.RemoveAll(m => m is "public" or "internal");
        model.Type.Modifiers.Insert(0, "file");
        Broken(model, "file-local class");
    }

    private static void NonPartialContainer(FuzzContext ctx, ModelDraft model)
    {
        (string keyword, string modifiers) = ctx.Pick(("class", "public"), ("class", "public static"), ("struct", "public"), ("record", "public"), ("class", "internal sealed"));
        TypeDecl outer = model.Program.NewContainer(model.Block, model.Type.Container, keyword, modifiers.Split(' '), partial: false);
        model.Type.Container = outer;
        DropFileModifier(model);
        Broken(model, $"nested in a non-partial {keyword}");
    }

    private static void GenericContainer(FuzzContext ctx, ModelDraft model)
    {
        TypeDecl outer = model.Program.NewContainer(model.Block, model.Type.Container, "class", ["public"], partial: true);
        outer.TypeParameters = "<T>";
        model.Type.Container = outer;
        DropFileModifier(model);
        Broken(model, "nested in a generic class");
    }

    private static void DropFileModifier(ModelDraft model)
    {
        if (model.Type.Modifiers.Contains("file"))
            model.Type.Modifiers.Remove("file");
    }

    private static void PrimaryConstructor(FuzzContext ctx, ModelDraft model)
    {
        model.Type.PrimaryConstructor = ctx.Pick("(int size)", "(string name, int size)");
        model.Main.Members.Add("public int Size => size;");
        Broken(model, "primary constructor " + model.Type.PrimaryConstructor);
    }

    private static void BaseWithoutParameterlessConstructor(FuzzContext ctx, ModelDraft model)
    {
        string name = "FuzzBase" + ctx.Next("FuzzBase");
        var helper = new TextBlock([$"public class {name}", "{", $"    public {name}(int size)", "    {", "    }", "}"]);
        model.Helpers.Add(helper);
        model.RelatedHelpers.Add(helper);
        model.Type.Bases.Insert(0, name);
        // The user's own constructor chains to the base, so the user's code compiles; the generated one cannot.
        model.Main.Members.Add("public {Self}()\n    : base(1)\n{\n}");
        Broken(model, "base class without a parameterless constructor");
    }

    private static readonly (string Description, string Text, string? Layer, bool Dense)[] s_clashes =
    [
        ("field _core", "private int _core;", null, false),
        ("method ZeroGradients()", "public void ZeroGradients()\n{\n}", null, false),
        ("method Summary()", "public string Summary() => \"mine\";", null, false),
        ("field Forward", "public int Forward;", null, false),
        ("property Parameters", "public int Parameters => 0;", null, false),
        ("constant InputSize", "public const int InputSize = 3;", null, false),
        ("property MaxBatch", "public int MaxBatch { get; set; }", null, false),
        ("constructor (int maxBatch, ulong seed)", "public {Self}(int maxBatch, ulong seed)\n{\n}", null, false),
        ("field HiddenWeightGradient with a Dense named Hidden", "private float[] HiddenWeightGradient = [];", "Hidden", true),
        ("property HiddenWeight with a Dense named Hidden", "public int HiddenWeight => 0;", "Hidden", true),
    ];

    private static void ClashingMember(FuzzContext ctx, ModelDraft model)
    {
        var clash = ctx.Pick(s_clashes);
        if (clash.Dense)
            NetworkFeatures.RequireDenseName(ctx, model.Network, clash.Layer!);
        else if (clash.Layer is not null)
            NetworkFeatures.RequireLayerName(ctx, model.Network, clash.Layer);
        model.Main.Members.Add(clash.Text);
        Broken(model, "user " + clash.Description + " clashes with a generated member");
    }

    private static void ClassNamedLikeMember(FuzzContext ctx, ModelDraft model)
    {
        bool layerDerived = ctx.Chance(0.25);
        string[] names = layerDerived ? ["HiddenWeight", "HiddenWeightGradient"] : s_generatedMemberNames;
        string? name = names.OrderBy(_ => ctx.Random.Next()).FirstOrDefault(n => model.Program.IsFree(model.Type, n));
        if (name is null)
        {
            NotPartial(ctx, model);
            return;
        }
        if (layerDerived)
            NetworkFeatures.RequireDenseName(ctx, model.Network, "Hidden");
        model.Type.Identifier = name;
        Broken(model, $"class named {name}" + (layerDerived ? " with a Dense named Hidden" : ""));
    }

    // ───────────────────────────── accept or reject ─────────────────────────────

    public static readonly Feature<ModelDraft>[] AcceptOrReject =
    [
        new("record", 3, m => m.Type.Bases.Count == 0, Record),
        new("base class with members named like generated ones", 2, m => m.Type.Bases.Count == 0, HidingBase),
        new("base class is another [Model]", 2, m => m.Type.Bases.Count == 0, BaseIsModel),
        new("[Model] after the first layer", 1, m => m.Network.Layers.Count > 0, ModelNotFirst),
        new("buffers per sample exceed int", 2, NetworkFeatures.HugeButFittingTensors),
    ];

    private static void Maybe(ModelDraft model, string description) => model.Fault(Intent.AcceptOrReject, "decl: " + description);

    private static void Record(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Keyword = ctx.Pick("record", "record class");
        Maybe(model, $"partial {model.Type.Keyword}");
    }

    private static void HidingBase(FuzzContext ctx, ModelDraft model)
    {
        string name = "FuzzBase" + ctx.Next("FuzzBase");
        string member = ctx.Pick(
            "public int Summary() => 0;",
            "protected int _core;",
            "public virtual void ZeroGradients()\n    {\n    }",
            "public bool IsTraining;",
            "public const int InputSize = 1;");
        var helper = new TextBlock([$"public class {name}", "{", "    " + member, "}"]);
        model.Helpers.Add(helper);
        model.RelatedHelpers.Add(helper);
        model.Type.Bases.Insert(0, name);
        Maybe(model, $"base class with '{member.Split('\n')[0]}'");
    }

    private static void BaseIsModel(FuzzContext ctx, ModelDraft model)
    {
        ModelDraft baseModel = model.Program.AddBaseModel(model.Block);
        model.Type.Bases.Insert(0, baseModel.Type.GlobalName);
        // The base model has no parameterless constructor: the user's own constructor chains to the generated one.
        model.Main.Members.Add("public {Self}()\n    : base(4)\n{\n}");
        Maybe(model, "derives from another [Model] class");
    }

    private static void ModelNotFirst(FuzzContext ctx, ModelDraft model)
    {
        model.ModelAttributeNotFirst = true;
        Maybe(model, "[Model] written after the first layer");
    }
}
