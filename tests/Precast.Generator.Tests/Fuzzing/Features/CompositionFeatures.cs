namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// Composition (issue 6): [Block] classes and the attributes that use them ([Residual], [Concat],
/// [Sum], [Scale], [Highway], [Repeat]). Valid compositions are built by asking the
/// <see cref="ShapeOracle"/> what each block gives at the shape where it is used, reusing blocks
/// the program already has (at other shapes, from other models, [Model] classes among them) or
/// writing new ones, nested up to three deep. <see cref="Faults"/> break one thing, possibly deep
/// inside nested blocks, and record the model's attribute where the error must be reported;
/// <see cref="Mistakes"/> are C# mistakes in or around composition attributes;
/// <see cref="AcceptOrReject"/> are things Precast may support or refuse.
/// </summary>
/// <remarks>
/// What the fuzzer expects of blocks, as a demanding user would: a [Block] may be sealed, static,
/// abstract, a record, not partial, internal, nested in any accessible type (the model itself
/// included, or a non-partial or static class), have a primary constructor, a base class, members
/// of any name (nothing is generated into it) and several partial declarations, and be used from
/// any namespace, at several shapes, by several models. Nothing is ever reported on a block's own
/// declaration: a problem in it is reported where a model uses it. A generic [Block] used closed
/// (typeof(G&lt;int&gt;)) or open (typeof(G&lt;&gt;)) may be accepted or refused.
/// </remarks>
internal static class CompositionFeatures
{
    public static readonly string[] BlockNames =
        ["Pair", "Stage", "Excite", "Branch", "Mixer", "Refine", "Widen", "Project", "Cell", "Unit", "Tower", "Stem", "Squeeze", "Residue", "@base", "@in"];

    private static readonly string[] s_compositionNames = ["Stage", "Stem", "Skip", "Mix", "Tower", "Layers", "Res", "Excite", "Body", "Gated"];

    private static readonly string[] s_branchNames = ["Left", "Right", "Wide", "Thin", "Main", "Side", "A", "B", "Branch1x1", "Path2", "c3"];

    private static readonly string[] s_activations = ["Relu", "Tanh", "Sigmoid", "Gelu", "LeakyRelu", "Dropout"];

    /// <summary>A network keeps at most this many nodes through its compositions (the 4,096 limit is tested on purpose only).</summary>
    private const int NodeBudget = 160;

    /// <summary>Blocks nest at most this deep below a model.</summary>
    private const int MaxDepth = 3;

    // ───────────────────────────── valid compositions ─────────────────────────────

    /// <summary>
    /// Appends a valid composition to <paramref name="net"/> (the layers of <paramref name="owner"/>,
    /// a model or a block) at <paramref name="shape"/>, which it updates; false when none fitted.
    /// </summary>
    public static bool AddComposition(FuzzContext ctx, ModelDraft owner, NetworkDraft net, List<int> shape, int depth, bool preserveShape = false)
    {
        int[] x = [.. shape];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string kind = preserveShape
                ? ctx.Weighted((4, "Residual"), (2, "Highway"), (2, "Scale"), (1, "RepeatSame"), (1, "Sum"))
                : ctx.Weighted((4, "Residual"), (2, "ResidualProjection"), (3, "Concat"), (2, "Sum"), (2, "Scale"), (2, "Highway"), (3, "Repeat"));
            AttributeDraft? composition = Build(ctx, owner, kind, x, depth);
            if (composition is null)
                continue;
            NetworkFacts alone = ShapeOracle.Run([composition], x);
            if (!alone.IsValid)
                throw new InvalidOperationException($"The fuzzer built an invalid {kind} at {ShapeOracle.Show(x)}: {alone.Error}");
            if (alone.Warnings.Count > 0 || (preserveShape && !alone.Output!.SequenceEqual(x)))
                continue;
            if (alone.Nodes > NodeBudget / 2 || alone.Output!.Aggregate(1L, (a, b) => a * b) > 4096)
                continue;
            if (!owner.IsBlock && ShapeOracle.Run([.. net.Layers, composition], net.Input).Nodes > NodeBudget)
                continue;
            MaybeName(ctx, net, composition);
            net.Layers.Add(composition);
            shape.Clear();
            shape.AddRange(alone.Output!);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Appends a Repeat of a one-layer block that brings the network to exactly 4,096 layers, the
    /// most a model may expand to, at the end (an elementwise layer, so the loss still fits).
    /// </summary>
    public static void FillToTheLimit(FuzzContext ctx, ModelDraft owner, NetworkDraft net, List<int> shape)
    {
        NetworkFacts facts = ShapeOracle.Run(net.Layers, net.Input);
        int count = ShapeOracle.MaxNodes - (int)facts.Nodes;
        if (!facts.IsValid || count < 1)
            return;
        net.Layers.Add(Repeat(ctx, owner, OneLayerBlock(ctx, owner, [.. shape]), count));
        owner.Note("comp: exactly 4,096 layers");
    }

    private static AttributeDraft? Build(FuzzContext ctx, ModelDraft owner, string kind, int[] x, int depth)
    {
        switch (kind)
        {
            case "Residual":
            {
                ModelDraft? f = Use(ctx, owner, x, depth, o => o.SequenceEqual(x), b => FillPreserving(ctx, b, x, depth));
                return f is null ? null : Residual(ctx, owner, f, null);
            }
            case "ResidualProjection":
            {
                ModelDraft? f = Use(ctx, owner, x, depth, o => !o.SequenceEqual(x), b => FillAny(ctx, b, x, depth, avoid: x));
                if (f is null)
                    return null;
                int[] y = ShapeOracle.RunBlock(f, x).Output!;
                ModelDraft? p = Use(ctx, owner, x, depth, o => o.SequenceEqual(y), b => FillMapping(ctx, b, x, y, depth));
                return p is null ? null : Residual(ctx, owner, f, p);
            }
            case "Concat" or "Sum":
            {
                int count = ctx.Weighted((6, 2), (3, 3), (1, 4));
                ModelDraft? first = Use(ctx, owner, x, depth, _ => true, b => FillAny(ctx, b, x, depth));
                if (first is null)
                    return null;
                int[] y = ShapeOracle.RunBlock(first, x).Output!;
                var branches = new List<ModelDraft> { first };
                for (int i = 1; i < count; i++)
                {
                    Func<int[], bool> fits = kind == "Sum" ? o => o.SequenceEqual(y) : o => o.Length == y.Length && o[1..].SequenceEqual(y[1..]);
                    // Concat joins on the first axis: a vector's length, an image's channels.
                    int[] target = kind == "Concat" && (y.Length == 1 || (y.Length == 3 && ctx.Chance(0.7))) ? [ctx.Between(1, 8), .. y[1..]] : y;
                    // A branch may be the same block again (Inception's branches need not differ).
                    ModelDraft? next = ctx.Chance(0.2) ? first : Use(ctx, owner, x, depth, fits, b => FillMapping(ctx, b, x, target, depth));
                    if (next is null)
                        return null;
                    branches.Add(next);
                }
                return Branches(ctx, owner, kind, branches, names: ctx.Chance(0.3) ? DistinctNames(ctx, branches.Count) : null);
            }
            case "Scale":
            {
                ModelDraft? gate = Use(ctx, owner, x, depth, o => ShapeOracle.Broadcasts(x, o), b => FillGate(ctx, b, x));
                return gate is null ? null : Single(ctx, owner, "Scale", gate, "gate");
            }
            case "Highway":
            {
                ModelDraft? h = Use(ctx, owner, x, depth, o => o.SequenceEqual(x), b => FillPreserving(ctx, b, x, depth));
                ModelDraft? t = h is null ? null : Use(ctx, owner, x, depth, o => o.SequenceEqual(x), b => FillPreserving(ctx, b, x, depth, endWith: "Sigmoid"));
                return t is null ? null : Highway(ctx, owner, h!, t);
            }
            case "Repeat" or "RepeatSame":
            {
                int count = ctx.Weighted((1, 1), (4, 2), (3, 3), (1, 4), (0.3, 6));
                bool Repeats(ModelDraft block) => ShapeOracle.Run([RepeatDraft(block, count)], x) is { IsClean: true } facts
                    && (kind == "Repeat" || facts.Output!.SequenceEqual(x));
                ModelDraft? block = Use(ctx, owner, x, depth, _ => true, b => kind == "RepeatSame" || ctx.Chance(0.4) ? FillPreserving(ctx, b, x, depth) : FillAny(ctx, b, x, depth), Repeats);
                return block is null ? null : Repeat(ctx, owner, block, count);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>
    /// A block whose output at <paramref name="x"/> satisfies <paramref name="fits"/>: one the program
    /// already has (half the time), else a new one filled by <paramref name="fill"/>; null when neither works.
    /// </summary>
    private static ModelDraft? Use(FuzzContext ctx, ModelDraft owner, int[] x, int depth, Func<int[], bool> fits, Func<ModelDraft, bool> fill, Func<ModelDraft, bool>? also = null)
    {
        ProgramDraft program = owner.Program;
        if (ctx.Chance(0.5))
        {
            foreach (ModelDraft candidate in program.UsableBlocks(owner).OrderBy(_ => ctx.Random.Next()).Take(8))
            {
                NetworkFacts facts = ShapeOracle.RunBlock(candidate, x);
                if (facts.IsClean && facts.Nodes <= NodeBudget / 4 && fits(facts.Output!) && (also is null || also(candidate)))
                {
                    program.NoteUse(owner, candidate.Type);
                    owner.Note(candidate.IsBlock ? "comp: reuses a block" : "comp: uses a [Model] as a block");
                    return candidate;
                }
            }
        }
        if (depth >= MaxDepth)
            return null;
        ModelDraft block = program.NewBlock(owner);
        if (!fill(block))
            return null;
        NetworkFacts made = ShapeOracle.RunBlock(block, x);
        if (!made.IsClean || !fits(made.Output!) || (also is not null && !also(block)))
            return null;
        program.FinishBlock(block, reusable: true);
        program.NoteUse(owner, block.Type);
        return block;
    }

    // ───────────────────────────── filling new blocks ─────────────────────────────

    /// <summary>Layers that keep <paramref name="x"/>: activations, Dense(x's last axis), a nested composition that keeps it.</summary>
    private static bool FillPreserving(FuzzContext ctx, ModelDraft block, int[] x, int depth, string? endWith = null)
    {
        NetworkDraft net = block.Network;
        var shape = new List<int>(x);
        int count = ctx.Weighted((4, 1), (3, 2), (1, 3));
        for (int i = 0; i < count; i++)
        {
            double roll = ctx.Random.NextDouble();
            if (roll < 0.4 && x.Length == 3 && ctx.Chance(0.7) && ConvolutionFeatures.AddPreserving(ctx, net, shape))
                continue;
            if (roll < 0.4)
                NetworkFeatures.AddDense(ctx, net, shape, x[^1], keepRank: true);
            else if (roll < 0.8 || depth + 1 >= MaxDepth || !AddComposition(ctx, block, net, shape, depth + 1, preserveShape: true))
                NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick(s_activations));
        }
        if (endWith is not null && ctx.Chance(0.7))
            NetworkFeatures.AddLayer(ctx, net, shape, endWith);
        return shape.SequenceEqual(x);
    }

    /// <summary>Layers from <paramref name="x"/> to <paramref name="target"/>, when Dense on the last axis (after a Flatten for a vector) gets there.</summary>
    private static bool FillMapping(FuzzContext ctx, ModelDraft block, int[] x, int[] target, int depth)
    {
        if (target.SequenceEqual(x))
            return FillPreserving(ctx, block, x, depth);
        NetworkDraft net = block.Network;
        var shape = new List<int>(x);
        if (x.Length == 3 && target.Length == 3 && target[1..].SequenceEqual(x[1..]) && (target[0] != x[0] || ctx.Chance(0.5)))
        {
            if (!ConvolutionFeatures.AddToChannels(ctx, net, shape, target[0]))
                return false;
        }
        else if (target.Length == x.Length && target[..^1].SequenceEqual(x[..^1]))
        {
            if (ctx.Chance(0.3))
                NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick(s_activations));
            NetworkFeatures.AddDense(ctx, net, shape, target[^1], keepRank: true);
        }
        else if (target.Length == 1)
        {
            if (x.Length > 1)
                NetworkFeatures.AddLayer(ctx, net, shape, "Flatten");
            if (ctx.Chance(0.2))
                NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick(s_activations));
            NetworkFeatures.AddDense(ctx, net, shape, target[0], keepRank: true);
        }
        else
        {
            return false;
        }
        if (ctx.Chance(0.5))
            NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick(s_activations));
        return shape.SequenceEqual(target);
    }

    /// <summary>Any valid layers: keeping the shape, a Dense on the last axis, a vector, or a nested composition.</summary>
    private static bool FillAny(FuzzContext ctx, ModelDraft block, int[] x, int depth, int[]? avoid = null)
    {
        NetworkDraft net = block.Network;
        var shape = new List<int>(x);
        double roll = ctx.Random.NextDouble();
        if (roll < 0.2 && avoid is null)
            return FillPreserving(ctx, block, x, depth);
        if (roll < 0.35 && depth + 1 < MaxDepth && AddComposition(ctx, block, net, shape, depth + 1))
        {
            if (ctx.Chance(0.4))
                NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick(s_activations));
            if (avoid is not null && shape.SequenceEqual(avoid))
                NetworkFeatures.AddDense(ctx, net, shape, shape[^1] + 1, keepRank: true);
            return true;
        }
        // On an image or a sequence: convolutional layers of any kind (strided, pooling, cropping, ...),
        // so blocks that change the size are reused at other shapes too.
        if (x.Length is 2 or 3 && roll < 0.55 && ConvolutionFeatures.AddLayer(ctx, net, shape, null))
        {
            if (ctx.Chance(0.4))
                ConvolutionFeatures.AddLayer(ctx, net, shape, null);
            return avoid is null || !shape.SequenceEqual(avoid);
        }
        int units = ctx.Between(1, 8);
        if (avoid is not null && units == x[^1])
            units++;
        int[] target = roll < 0.75 ? (x.Length == 3 && ctx.Chance(0.6) ? [units, x[1], x[2]] : WithLast(x, units)) : [units];
        if (avoid is not null && target.SequenceEqual(avoid))
            return false;
        return FillMapping(ctx, block, x, target, depth);
    }

    /// <summary>A gate for <paramref name="x"/>: its output, without trailing 1s, is x's leading axes (a scalar gate included).</summary>
    private static bool FillGate(FuzzContext ctx, ModelDraft block, int[] x)
    {
        NetworkDraft net = block.Network;
        var shape = new List<int>(x);
        switch (ctx.Between(0, x.Length == 3 ? 5 : 4))
        {
            case 5:
                // Squeeze-and-excitation on an image: one value per channel from a global pooling.
                ConvolutionFeatures.SqueezeExcite(ctx, net, shape);
                break;
            case 0:
                // [..., 1]: one value per position of the leading axes.
                NetworkFeatures.AddDense(ctx, net, shape, 1, keepRank: true);
                break;
            case 1:
                // Squeeze-and-excitation: one value per channel.
                if (x.Length > 1)
                    NetworkFeatures.AddLayer(ctx, net, shape, "Flatten");
                NetworkFeatures.AddDense(ctx, net, shape, x[0], keepRank: true);
                break;
            case 2:
                // One value for the whole sample.
                if (x.Length > 1)
                    NetworkFeatures.AddLayer(ctx, net, shape, "Flatten");
                NetworkFeatures.AddDense(ctx, net, shape, 1, keepRank: true);
                break;
            case 3:
                // As large as the input: an elementwise gate.
                NetworkFeatures.AddDense(ctx, net, shape, x[^1], keepRank: true);
                break;
            default:
                NetworkFeatures.AddLayer(ctx, net, shape, ctx.Pick("Tanh", "Relu"));
                break;
        }
        if (ctx.Chance(0.7))
            NetworkFeatures.AddLayer(ctx, net, shape, "Sigmoid");
        return ShapeOracle.Broadcasts(x, [.. shape]);
    }

    // ───────────────────────────── attributes ─────────────────────────────

    public static string TypeOf(ModelDraft from, ModelDraft block) => from.Program.TypeOf(from, block.Type);

    private static AttributeDraft Residual(FuzzContext ctx, ModelDraft owner, ModelDraft f, ModelDraft? projection)
    {
        var attribute = new AttributeDraft("Residual") { LongName = ctx.Chance(0.05), Composition = new CompositionDraft("Residual") { Projection = projection } };
        attribute.Composition.Blocks.Add(f);
        attribute.Positional.Add((ctx.Chance(0.1) ? "block: " : "") + TypeOf(owner, f));
        if (projection is not null)
            attribute.SetNamed("Projection", TypeOf(owner, projection));
        return attribute;
    }

    private static AttributeDraft Branches(FuzzContext ctx, ModelDraft owner, string kind, List<ModelDraft> branches, List<string>? names)
    {
        var attribute = new AttributeDraft(kind) { LongName = ctx.Chance(0.05), Composition = new CompositionDraft(kind) { BranchNames = names } };
        attribute.Composition.Blocks.AddRange(branches);
        var types = branches.Select(b => TypeOf(owner, b)).ToList();
        string list = string.Join(", ", types);
        ctx.Weighted<Action>(
            (14, () => attribute.Positional.AddRange(types)),
            (3, () => attribute.Positional.Add($"new[] {{ {list} }}")),
            (2, () => attribute.Positional.Add($"new global::System.Type[] {{ {list} }}")),
            (1, () => attribute.Positional.Add($"branches: new[] {{ {list} }}")))();
        if (names is not null)
            attribute.SetNamed("Names", StringArray(ctx, names));
        return attribute;
    }

    private static AttributeDraft Single(FuzzContext ctx, ModelDraft owner, string kind, ModelDraft block, string parameter)
    {
        var attribute = new AttributeDraft(kind) { LongName = ctx.Chance(0.05), Composition = new CompositionDraft(kind) };
        attribute.Composition.Blocks.Add(block);
        attribute.Positional.Add((ctx.Chance(0.1) ? parameter + ": " : "") + TypeOf(owner, block));
        return attribute;
    }

    private static AttributeDraft Highway(FuzzContext ctx, ModelDraft owner, ModelDraft h, ModelDraft t)
    {
        var attribute = new AttributeDraft("Highway") { LongName = ctx.Chance(0.05), Composition = new CompositionDraft("Highway") };
        attribute.Composition.Blocks.AddRange([h, t]);
        string transform = TypeOf(owner, h), gate = TypeOf(owner, t);
        ctx.Weighted<Action>(
            (8, () => attribute.Positional.AddRange([transform, gate])),
            (1, () => attribute.Positional.AddRange(["transform: " + transform, "gate: " + gate])),
            (1, () => attribute.Positional.AddRange(["gate: " + gate, "transform: " + transform])))();
        return attribute;
    }

    private static AttributeDraft RepeatDraft(ModelDraft block, int count)
    {
        var attribute = new AttributeDraft("Repeat") { Composition = new CompositionDraft("Repeat") { Count = count } };
        attribute.Composition.Blocks.Add(block);
        return attribute;
    }

    private static AttributeDraft Repeat(FuzzContext ctx, ModelDraft owner, ModelDraft block, int count, string? countText = null)
    {
        AttributeDraft attribute = RepeatDraft(block, count);
        attribute.LongName = ctx.Chance(0.05);
        string type = TypeOf(owner, block);
        string n = countText ?? ctx.Int(count);
        ctx.Weighted<Action>(
            (8, () => attribute.Positional.AddRange([type, n])),
            (1, () => attribute.Positional.AddRange([type, "count: " + n])),
            (1, () => attribute.Positional.AddRange(["count: " + n, "block: " + type])))();
        return attribute;
    }

    private static string StringArray(FuzzContext ctx, IEnumerable<string> names)
    {
        string items = string.Join(", ", names.Select(NetworkFeatures.Quote));
        return ctx.Weighted((6, $"[{items}]"), (1, $"new[] {{ {items} }}"), (1, $"new string[] {{ {items} }}"));
    }

    private static List<string> DistinctNames(FuzzContext ctx, int count) =>
        s_branchNames.OrderBy(_ => ctx.Random.Next()).Take(count).ToList();

    private static void MaybeName(FuzzContext ctx, NetworkDraft net, AttributeDraft composition)
    {
        if (!ctx.Chance(0.3))
            return;
        string name = ctx.Pick(s_compositionNames);
        if (net.Names.Add(name))
            composition.SetNamed("Name", NetworkFeatures.Quote(name));
    }

    private static int[] WithLast(int[] x, int last) => [.. x[..^1], last];

    // ───────────────────────────── faults: NetworkInvalid ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Faults =
    [
        new("comp: typeof a type that is not a block", 4, NotABlock),
        new("comp: a block that uses itself", 3, Cycle),
        new("comp: a [Block] with [Loss]", 1.5, BlockWithLoss),
        new("comp: a block without layers", 1.5, EmptyBlock),
        new("comp: Repeat count below 1", 2, RepeatCountBelowOne),
        new("comp: Names with the wrong count", 1.5, NamesWithWrongCount),
        new("comp: Concat or Sum with fewer than two branches", 1.5, OneBranch),
        new("comp: Scale gate that does not broadcast", 2, GateDoesNotBroadcast),
        new("comp: shapes that differ", 4, ShapesDiffer),
        new("comp: a mistake inside a block", 5, MistakeInsideABlock),
        new("comp: block layers on two partial declarations", 1, m => true, BlockLayersOnTwoDeclarations),
        new("comp: more than 4,096 layers", 2, TooManyLayers),
        new("comp: invalid branch Names", 1.5, InvalidBranchNames),
    ];

    /// <summary>Records a composition fault and the diagnostics that report it (any Precast error when none is given).</summary>
    private static void Invalid(ModelDraft model, string description, params string[] ids)
    {
        model.Fault(Intent.NetworkInvalid, "comp: " + description);
        model.ExpectedIds.AddRange(ids);
    }

    /// <summary>
    /// Where a fault goes: the end of the model's (valid) layers, at the shape they produce; or,
    /// when an earlier fault left the shape unknown, the start, at the input.
    /// </summary>
    private static (int[] Shape, Action<AttributeDraft> Add) Spot(ModelDraft model)
    {
        NetworkDraft net = model.Network;
        NetworkFacts facts = ShapeOracle.Run(net.Layers, net.Input.Count > 0 ? net.Input : [4]);
        if (facts.IsValid && net.Input.Count > 0)
            return (facts.Output!, a => net.Layers.Add(a));
        return (net.Input.Count > 0 ? [.. net.Input] : [4], a => net.Layers.Insert(0, a));
    }

    /// <summary>
    /// Adds <paramref name="faulty"/> (built for <paramref name="x"/>) to the model, wrapped in 0 to 2
    /// blocks that run it first, and records the model's attribute that uses it as where the error belongs.
    /// </summary>
    private static string Place(FuzzContext ctx, ModelDraft model, int[] x, Action<AttributeDraft> add, AttributeDraft faulty, double wrapChance = 0.5)
    {
        AttributeDraft outer = faulty;
        int levels = 0;
        while (levels < 2 && ctx.Chance(wrapChance))
        {
            // A block that starts with the faulty item (after layers that keep the shape), used so that it is expanded first.
            ModelDraft wrapper = model.Program.NewBlock(model);
            var shape = new List<int>(x);
            if (ctx.Chance(0.5))
                NetworkFeatures.AddLayer(ctx, wrapper.Network, shape, ctx.Pick("Relu", "Tanh"));
            wrapper.Network.Layers.Add(outer);
            model.Program.FinishBlock(wrapper, reusable: false);
            outer = ctx.Between(0, 5) switch
            {
                0 => Residual(ctx, model, wrapper, null),
                1 => Repeat(ctx, model, wrapper, ctx.Between(1, 3)),
                2 => Branches(ctx, model, "Sum", [wrapper, AnyBlock(ctx, model, x)], null),
                3 => Branches(ctx, model, "Concat", [wrapper, AnyBlock(ctx, model, x)], null),
                4 => Highway(ctx, model, wrapper, AnyBlock(ctx, model, x)),
                _ => Single(ctx, model, "Scale", wrapper, "gate"),
            };
            levels++;
        }
        if (ctx.Chance(0.2) && outer != faulty)
            outer.SetNamed("Name", NetworkFeatures.Quote("Outer" + ctx.Between(1, 9)));
        add(outer);
        model.FaultSites.Add(outer);
        return levels == 0 ? "" : $" (inside {levels} block{(levels > 1 ? "s" : "")})";
    }

    /// <summary>Some valid block at <paramref name="x"/> (a branch beside the faulty one; its output does not matter).</summary>
    private static ModelDraft AnyBlock(FuzzContext ctx, ModelDraft owner, int[] x) =>
        Use(ctx, owner, x, 1, _ => true, b => FillAny(ctx, b, x, MaxDepth - 1))
        ?? Use(ctx, owner, x, 0, _ => true, b => FillPreserving(ctx, b, x, MaxDepth - 1))!;

    private static ModelDraft SameBlock(FuzzContext ctx, ModelDraft owner, int[] x) =>
        Use(ctx, owner, x, 0, o => o.SequenceEqual(x), b => FillPreserving(ctx, b, x, MaxDepth - 1))!;

    private static void NotABlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ProgramDraft program = model.Program;
        (string text, string what) = ctx.Between(0, 10) switch
        {
            0 => ("typeof(int)", "typeof(int)"),
            1 => ("typeof(string)", "typeof(string)"),
            2 => ("typeof(object)", "typeof(object)"),
            3 => ("typeof(global::System.Collections.Generic.List<>)", "typeof(an open generic class)"),
            4 => ($"typeof({program.AddHelperType(model, "public sealed class {0};")})", "typeof(a plain class)"),
            5 => ($"typeof({program.AddHelperType(model, "public class {0}<T>;")}<>)", "typeof(an open generic non-block class)"),
            6 => ($"typeof({program.AddHelperType(model, "public interface {0};")})", "typeof(an interface)"),
            7 => ($"typeof({program.AddHelperType(model, "public enum {0} { A, B }")})", "typeof(an enum)"),
            8 => ($"typeof({program.AddHelperType(model, "public struct {0};")})", "typeof(a struct)"),
            9 => ($"typeof({program.TypeOf(model, InstanceBlock(ctx, model, x).Type)[7..^1]}[])", "typeof(an array of a block)"),
            _ => (TypeOf(model, program.NewClassWithoutBlock(model, x)), "typeof(a class with layers but no [Block])"),
        };
        AttributeDraft faulty;
        string slot = ctx.Pick("Residual", "Projection", "Concat", "Scale", "Highway", "Repeat");
        switch (slot)
        {
            case "Projection":
                faulty = Residual(ctx, model, AnyBlock(ctx, model, x), null);
                faulty.SetNamed("Projection", text);
                break;
            case "Concat":
                var branches = new List<ModelDraft> { AnyBlock(ctx, model, x), AnyBlock(ctx, model, x) };
                faulty = Branches(ctx, model, ctx.Pick("Concat", "Sum"), branches, null);
                int position = ctx.Between(0, 2);
                if (faulty.Positional.Count == 2)
                    faulty.Positional.Insert(position, text);
                else
                    faulty.Positional[0] = faulty.Positional[0].Replace("{ ", "{ " + text + ", ", StringComparison.Ordinal);
                faulty.Composition!.Blocks.Insert(faulty.Positional.Count == 3 ? position : 0, null);
                break;
            case "Highway":
                faulty = Highway(ctx, model, SameBlock(ctx, model, x), SameBlock(ctx, model, x));
                int index = ctx.Between(0, 1);
                string prefix = faulty.Positional[index].StartsWith("transform: ", StringComparison.Ordinal) ? "transform: "
                    : faulty.Positional[index].StartsWith("gate: ", StringComparison.Ordinal) ? "gate: " : "";
                faulty.Positional[index] = prefix + text;
                break;
            case "Repeat":
                faulty = Repeat(ctx, model, SameBlock(ctx, model, x), 2);
                int slotIndex = faulty.Positional.FindIndex(p => p.Contains("typeof", StringComparison.Ordinal));
                faulty.Positional[slotIndex] = (faulty.Positional[slotIndex].StartsWith("block: ", StringComparison.Ordinal) ? "block: " : "") + text;
                break;
            default:
                faulty = new AttributeDraft(slot) { Composition = new CompositionDraft(slot) };
                faulty.Positional.Add(text);
                faulty.Composition.Blocks.Add(null);
                break;
        }
        Invalid(model, $"{what} in [{slot}]" + Place(ctx, model, x, add, faulty), "PC0019");
    }

    /// <summary>A new valid block that is not static (an array of a static class does not compile).</summary>
    private static ModelDraft InstanceBlock(FuzzContext ctx, ModelDraft model, int[] x)
    {
        ModelDraft block = model.Program.NewBlock(model);
        block.Type.Modifiers.Remove("static");
        FillPreserving(ctx, block, x, MaxDepth - 1);
        model.Program.FinishBlock(block, reusable: true);
        return block;
    }

    private static void Cycle(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ProgramDraft program = model.Program;
        int variant = ctx.Between(0, 3);
        // A generic model cannot be named without type arguments.
        if (variant >= 2 && model.Type.Chain().Any(t => t.IsGeneric))
            variant = 0;
        // A block elsewhere can only name the model when it is accessible.
        if (variant == 3 && !model.IsAccessible)
            variant = 2;
        switch (variant)
        {
            case 0:
            {
                ModelDraft self = program.NewBlock(model);
                var shape = new List<int>(x);
                NetworkFeatures.AddDense(ctx, self.Network, shape, x[^1], keepRank: true);
                self.Network.Layers.Add(Residual(ctx, self, self, null));
                program.FinishBlock(self, reusable: false);
                Invalid(model, "a block that uses itself" + Place(ctx, model, x, add, Residual(ctx, model, self, null)), "PC0020");
                break;
            }
            case 1:
            {
                ModelDraft a = program.NewBlock(model), b = program.NewBlock(model);
                var shape = new List<int>(x);
                NetworkFeatures.AddLayer(ctx, a.Network, shape, "Relu");
                a.Network.Layers.Add(ctx.Chance(0.5) ? Residual(ctx, a, b, null) : Repeat(ctx, a, b, 2));
                b.Network.Layers.Add(ctx.Chance(0.5) ? Branches(ctx, b, "Sum", [a, a], null) : Single(ctx, b, "Scale", a, "gate"));
                program.FinishBlock(a, reusable: false);
                program.FinishBlock(b, reusable: false);
                Invalid(model, "two blocks that use each other" + Place(ctx, model, x, add, Repeat(ctx, model, a, 2)), "PC0020");
                break;
            }
            case 2:
            {
                var faulty = new AttributeDraft("Residual") { Composition = new CompositionDraft("Residual") };
                faulty.Positional.Add(program.TypeOf(model, model.Type));
                faulty.Composition.Blocks.Add(null);
                Invalid(model, "a model that uses itself" + Place(ctx, model, x, add, faulty, wrapChance: 0), "PC0020");
                break;
            }
            default:
            {
                // The model uses a block that uses the model.
                ModelDraft back = program.NewBlock(model);
                var shape = new List<int>(x);
                NetworkFeatures.AddLayer(ctx, back.Network, shape, "Tanh");
                var inner = new AttributeDraft("Repeat") { Composition = new CompositionDraft("Repeat") { Count = 1 } };
                inner.Positional.AddRange([program.TypeOf(back, model.Type), "1"]);
                inner.Composition.Blocks.Add(null);
                back.Network.Layers.Add(inner);
                program.FinishBlock(back, reusable: false);
                Invalid(model, "a block that uses the model" + Place(ctx, model, x, add, Residual(ctx, model, back, null), wrapChance: 0), "PC0020");
                break;
            }
        }
    }

    private static void BlockWithLoss(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model);
        FillAny(ctx, block, x, MaxDepth - 1);
        NetworkFeatures.SetLoss(ctx, block.Network, ctx.Pick(LossKind.MeanSquaredError, LossKind.SigmoidBinaryCrossEntropy));
        // The [Loss] before the block's last layer: still one mistake (a block has no loss), so one message.
        bool early = block.Network.Layers.Count > 1 && ctx.Chance(0.3);
        if (early)
            block.Network.LossPosition = ctx.Between(1, block.Network.Layers.Count - 1);
        model.Program.FinishBlock(block, reusable: false);
        Invalid(model, (early ? "a [Block] with [Loss] before its last layer" : "a [Block] with [Loss]") + Place(ctx, model, x, add, Use(ctx, model, block, x)), "PC0024");
    }

    private static void EmptyBlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model);
        bool onlyLoss = ctx.Chance(0.3);
        if (onlyLoss)
            NetworkFeatures.SetLoss(ctx, block.Network, LossKind.MeanSquaredError);
        model.Program.FinishBlock(block, reusable: false);
        Invalid(model, (onlyLoss ? "a block with only [Loss]" : "a block without layers") + Place(ctx, model, x, add, Use(ctx, model, block, x)), "PC0024");
    }

    /// <summary>An attribute that uses <paramref name="block"/> first, whatever its output.</summary>
    private static AttributeDraft Use(FuzzContext ctx, ModelDraft model, ModelDraft block, int[] x) => ctx.Between(0, 4) switch
    {
        0 => Residual(ctx, model, block, null),
        1 => Repeat(ctx, model, block, ctx.Between(1, 3)),
        2 => Branches(ctx, model, ctx.Pick("Sum", "Concat"), [block, AnyBlock(ctx, model, x)], null),
        3 => Single(ctx, model, "Scale", block, "gate"),
        _ => Highway(ctx, model, block, SameBlock(ctx, model, x)),
    };

    private static void RepeatCountBelowOne(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        int count = ctx.Pick(0, 0, -1, -3, int.MinValue);
        string text = count == int.MinValue ? "int.MinValue" : ctx.Chance(0.2) ? ctx.Constant(count) : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Invalid(model, $"Repeat count {count}" + Place(ctx, model, x, add, Repeat(ctx, model, AnyBlock(ctx, model, x), count, text)), "PC0004");
    }

    private static void NamesWithWrongCount(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        int branches = ctx.Between(2, 3);
        int names = ctx.Pick(1, branches + 1);
        var blocks = Enumerable.Range(0, branches).Select(_ => SameBlock(ctx, model, x)).ToList();
        string kind = ctx.Pick("Concat", "Sum");
        AttributeDraft faulty = Branches(ctx, model, kind, blocks, names: DistinctNames(ctx, names));
        Invalid(model, $"{kind} of {branches} with {names} Names" + Place(ctx, model, x, add, faulty), "PC0009");
    }

    private static void OneBranch(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        string kind = ctx.Pick("Concat", "Sum");
        int count = ctx.Weighted((3, 1), (1, 0));
        AttributeDraft faulty = Branches(ctx, model, kind, count == 1 ? [SameBlock(ctx, model, x)] : [], null);
        if (count == 0)
        {
            faulty.Positional.Clear();
            faulty.EmptyParentheses = ctx.Chance(0.5);
        }
        Invalid(model, $"{kind} with {count} branch{(count == 1 ? "" : "es")}" + Place(ctx, model, x, add, faulty), "PC0009");
    }

    private static void GateDoesNotBroadcast(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft gate = model.Program.NewBlock(model);
        var shape = new List<int>(x);
        if (x.Length > 1 && ctx.Chance(0.5) && x[^1] != x[0] && x[^1] > 1)
        {
            // The gate's output is the input's last axis, not its first: [C, L] scaled by [L].
            NetworkFeatures.AddDense(ctx, gate.Network, shape, x[^1], keepRank: true);
            NetworkFeatures.AddLayer(ctx, gate.Network, shape, "Flatten");
            NetworkFeatures.AddDense(ctx, gate.Network, shape, x[^1], keepRank: true);
        }
        else
        {
            if (x.Length > 1)
                NetworkFeatures.AddLayer(ctx, gate.Network, shape, "Flatten");
            NetworkFeatures.AddDense(ctx, gate.Network, shape, x[0] + ctx.Between(1, 3), keepRank: true);
        }
        NetworkFeatures.AddLayer(ctx, gate.Network, shape, "Sigmoid");
        if (ShapeOracle.Broadcasts(x, [.. shape]))
            throw new InvalidOperationException("The non-broadcasting gate broadcasts.");
        model.Program.FinishBlock(gate, reusable: false);
        Invalid(model, "Scale gate that does not broadcast" + Place(ctx, model, x, add, Single(ctx, model, "Scale", gate, "gate")), "PC0023");
    }

    private static void ShapesDiffer(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft Mapping(int[] target)
        {
            ModelDraft block = model.Program.NewBlock(model);
            if (!FillMapping(ctx, block, x, target, MaxDepth - 1))
                throw new InvalidOperationException($"No block maps {ShapeOracle.Show(x)} to {ShapeOracle.Show(target)}.");
            model.Program.FinishBlock(block, reusable: true);
            return block;
        }
        int[] other = WithLast(x, x[^1] + ctx.Between(1, 3));
        string variant = ctx.Pick("Residual", "Projection", "Sum", "Highway", "Concat");
        if (variant == "Concat" && x.Length == 1)
            variant = "Sum";
        AttributeDraft faulty;
        switch (variant)
        {
            case "Residual":
                faulty = Residual(ctx, model, Mapping(ctx.Chance(0.5) ? other : [x.Aggregate(1, (a, b) => a * b) + 1]), null);
                break;
            case "Projection":
                faulty = Residual(ctx, model, Mapping(other), Mapping(WithLast(x, other[^1] + 1)));
                break;
            case "Sum":
                faulty = Branches(ctx, model, "Sum", [Mapping(WithLast(x, 2)), Mapping(WithLast(x, 3))], null);
                break;
            case "Highway":
                faulty = ctx.Chance(0.5) ? Highway(ctx, model, Mapping(other), SameBlock(ctx, model, x)) : Highway(ctx, model, SameBlock(ctx, model, x), Mapping(other));
                break;
            default:
                // Concat joins on the first axis: branches that differ on the last one do not fit.
                faulty = Branches(ctx, model, "Concat", [Mapping(WithLast(x, 2)), Mapping(WithLast(x, 3))], null);
                break;
        }
        Invalid(model, $"{variant} whose shapes differ" + Place(ctx, model, x, add, faulty), variant == "Concat" ? "PC0022" : "PC0021");
    }

    private static void MistakeInsideABlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model);
        NetworkDraft net = block.Network;
        var shape = new List<int>(x);
        if (ctx.Chance(0.5))
            NetworkFeatures.AddDense(ctx, net, shape, ctx.Between(1, 6), keepRank: true);
        string what, id;
        switch (ctx.Between(0, 7))
        {
            case 0:
                var dense = new AttributeDraft("Dense");
                dense.Positional.Add(ctx.Pick("0", "-1", "int.MinValue"));
                net.Layers.Add(dense);
                what = "Dense(0) in a block";
                id = "PC0004";
                break;
            case 1:
                if (shape.Count == 1)
                    NetworkFeatures.AddDense(ctx, net, shape, 3, keepRank: true);
                net.Layers.Add(new AttributeDraft("Softmax"));
                what = "Softmax on a matrix in a block";
                id = "PC0007";
                if (shape.Count == 1)
                {
                    // A vector: Softmax fits; make the fault a Dropout rate instead.
                    net.Layers[^1] = new AttributeDraft("Dropout") { Positional = { "1.5" } };
                    what = "Dropout(1.5) in a block";
                    id = "PC0009";
                }
                break;
            case 2:
                net.Layers.Add(new AttributeDraft("Dropout") { Positional = { ctx.Pick("1", "-0.5", "double.NaN") } });
                what = "bad Dropout rate in a block";
                id = "PC0009";
                break;
            case 3:
                var leaky = new AttributeDraft("LeakyRelu");
                leaky.SetNamed("Slope", ctx.Pick("double.NaN", "double.PositiveInfinity"));
                net.Layers.Add(leaky);
                what = "bad LeakyRelu slope in a block";
                id = "PC0009";
                break;
            case 4:
                var named = new AttributeDraft(ctx.Pick("Relu", "Tanh"));
                named.SetNamed("Name", NetworkFeatures.Quote(ctx.Pick("a b", "1x", "", "x.y", "ä")));
                net.Layers.Add(named);
                what = "invalid layer name in a block";
                id = "PC0010";
                break;
            case 5:
                var first = new AttributeDraft("Relu");
                first.SetNamed("Name", "\"Twin\"");
                var second = new AttributeDraft("Tanh");
                second.SetNamed("Name", ctx.Pick("\"Twin\"", "\"twin\""));
                net.Layers.AddRange([first, second]);
                what = "two layers named Twin in a block";
                id = "PC0010";
                break;
            case 6:
                var init = new AttributeDraft("Dense");
                init.Positional.Add("3");
                init.SetNamed("Initializer", "({P}Initializer)42");
                net.Layers.Add(init);
                what = "undefined Initializer in a block";
                id = "PC0009";
                break;
            default:
                var huge = new AttributeDraft("Dense");
                huge.Positional.Add("int.MaxValue");
                net.Layers.Add(huge);
                what = "Dense(int.MaxValue) in a block";
                id = "PC0005";
                break;
        }
        if (ctx.Chance(0.3))
            net.Layers.Add(new AttributeDraft("Relu"));
        model.Program.FinishBlock(block, reusable: false);
        Invalid(model, what + Place(ctx, model, x, add, Use(ctx, model, block, x), wrapChance: 0.6), id);
    }

    private static void BlockLayersOnTwoDeclarations(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model, redeclarable: true);
        var shape = new List<int>(x);
        NetworkFeatures.AddLayer(ctx, block.Network, shape, "Relu");
        NetworkFeatures.AddLayer(ctx, block.Network, shape, "Tanh");
        block.SplitNetwork = true;
        block.ModelAttributeNotFirst = false;
        model.Program.FinishBlock(block, reusable: false);
        Invalid(model, "block layers on two partial declarations" + Place(ctx, model, x, add, Residual(ctx, model, block, null)), "PC0011");
    }

    private static void TooManyLayers(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        NetworkFacts before = ShapeOracle.Run(model.Network.Layers, model.Network.Input.Count > 0 ? model.Network.Input : [4]);
        ModelDraft one = OneLayerBlock(ctx, model, x);
        AttributeDraft faulty;
        string what;
        switch (ctx.Between(0, 2))
        {
            case 0 when before.IsValid:
                // Exactly one layer over the limit.
                int count = ShapeOracle.MaxNodes + 1 - (int)before.Nodes;
                faulty = Repeat(ctx, model, one, count);
                what = "4,097 layers";
                break;
            case 1:
                ModelDraft stage = model.Program.NewBlock(model);
                stage.Network.Layers.Add(Repeat(ctx, stage, one, 100));
                model.Program.FinishBlock(stage, reusable: false);
                faulty = Repeat(ctx, model, stage, ctx.Pick(100, 1000000));
                what = "nested Repeats of 100";
                break;
            default:
                int huge = ctx.Pick(5000, 100000, int.MaxValue);
                faulty = Repeat(ctx, model, one, huge, huge == int.MaxValue ? "int.MaxValue" : null);
                what = "a huge Repeat";
                break;
        }
        add(faulty);
        model.FaultSites.Add(model.Network.Model);
        Invalid(model, "more than 4,096 layers: " + what, "PC0025");
    }

    private static ModelDraft OneLayerBlock(FuzzContext ctx, ModelDraft owner, int[] x)
    {
        ModelDraft block = owner.Program.NewBlock(owner);
        var shape = new List<int>(x);
        NetworkFeatures.AddLayer(ctx, block.Network, shape, ctx.Pick("Relu", "Tanh", "Gelu"));
        owner.Program.FinishBlock(block, reusable: true);
        return block;
    }

    private static void InvalidBranchNames(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        var blocks = new List<ModelDraft> { SameBlock(ctx, model, x), SameBlock(ctx, model, x) };
        (string bad, string what) = ctx.Pick(("a b", "with a space"), ("1x", "starting with a digit"), ("", "empty"), ("x\"y", "with a quote"), ("Left", "repeated"), ("x.y", "with a dot"), ("0", "a digit"));
        List<string> names = ctx.Chance(0.5) ? ["Left", bad] : [bad, "Left"];
        string kind = ctx.Pick("Concat", "Sum");
        AttributeDraft faulty = Branches(ctx, model, kind, blocks, names);
        Invalid(model, $"{kind} branch name {what}" + Place(ctx, model, x, add, faulty));
    }

    // ───────────────────────────── accept or reject ─────────────────────────────

    public static readonly Feature<ModelDraft>[] AcceptOrReject =
    [
        new("comp: a generic block", 2, GenericBlock),
        new("comp: branch names that differ only in case", 1, CaseOnlyBranchNames),
        new("comp: Names = []", 1, EmptyNames),
    ];

    private static void Maybe(ModelDraft model, string description) => model.Fault(Intent.AcceptOrReject, "comp: " + description);

    private static void GenericBlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model);
        block.Type.TypeParameters = "<T>";
        FillPreserving(ctx, block, x, MaxDepth - 1);
        model.Program.FinishBlock(block, reusable: false);
        bool open = ctx.Chance(0.4);
        string type = model.Program.TypeOf(model, block.Type)[..^1] + (open ? "<>)" : $"<{ctx.Pick("int", "string", "float")}>)");
        var attribute = new AttributeDraft("Residual") { Composition = new CompositionDraft("Residual") };
        attribute.Composition.Blocks.Add(block);
        attribute.Positional.Add(type);
        add(attribute);
        Maybe(model, open ? "typeof of an open generic [Block]" : "typeof of a closed generic [Block]");
    }

    private static void CaseOnlyBranchNames(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        add(Branches(ctx, model, ctx.Pick("Concat", "Sum"), [SameBlock(ctx, model, x), SameBlock(ctx, model, x)], ["Left", "left"]));
        Maybe(model, "branch names 'Left' and 'left'");
    }

    private static void EmptyNames(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft attribute = Branches(ctx, model, ctx.Pick("Concat", "Sum"), [SameBlock(ctx, model, x), SameBlock(ctx, model, x)], null);
        attribute.SetNamed("Names", ctx.Pick("[]", "new string[0]"));
        add(attribute);
        Maybe(model, "Names = [] (no names)");
    }

    // ───────────────────────────── compiler mistakes ─────────────────────────────

    public static readonly Feature<ModelDraft>[] Mistakes =
    [
        new("Repeat without a count", 2, RepeatWithoutCount),
        new("composition without its block", 2, CompositionWithoutBlock),
        new("Projection that is not a type", 1.5, ProjectionNotAType),
        new("typeof of a missing type", 1.5, MissingType),
        new("Names that is not a string array", 1, NamesNotAnArray),
        new("misspelt composition", 1, MisspeltComposition),
        new("typeof of a nullable reference type", 0.5, NullableTypeOf),
        new("compiler mistake in a block", 3, MistakeInBlock),
    ];

    private static void Mistake(ModelDraft model, string description) => model.Fault(Intent.CompilerMistake, "mistake: " + description);

    private static void RepeatWithoutCount(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = SameBlock(ctx, model, x);
        string type = TypeOf(model, block);
        (string raw, string what) = ctx.Pick(
            (type, "Repeat(typeof(B)) without a count"),
            (type + ", 2.5", "Repeat(typeof(B), 2.5)"),
            (type + ", \"2\"", "Repeat(typeof(B), \"2\")"),
            (type + ", count: 2, count: 3", "Repeat(typeof(B), count: 2, count: 3)"));
        var attribute = new AttributeDraft("Repeat") { RawArguments = raw };
        add(attribute);
        Mistake(model, what);
    }

    private static void CompositionWithoutBlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        string kind = ctx.Pick("Residual", "Scale", "Highway", "Repeat");
        var attribute = new AttributeDraft(kind);
        if (kind == "Highway" && ctx.Chance(0.6))
            attribute.RawArguments = TypeOf(model, SameBlock(ctx, model, x));
        else
            attribute.EmptyParentheses = ctx.Chance(0.5);
        add(attribute);
        Mistake(model, attribute.RawArguments is null ? $"[{kind}] without arguments" : "Highway(typeof(H)) without a gate");
    }

    private static void ProjectionNotAType(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft residual = Residual(ctx, model, SameBlock(ctx, model, x), null);
        string value = ctx.Pick("3", "\"Project\"", "typeof(int).Name");
        residual.SetNamed("Projection", value);
        add(residual);
        Mistake(model, $"Projection = {value}");
    }

    private static void MissingType(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft attribute = ctx.Between(0, 2) switch
        {
            0 => Residual(ctx, model, SameBlock(ctx, model, x), null),
            1 => Branches(ctx, model, "Sum", [SameBlock(ctx, model, x), SameBlock(ctx, model, x)], null),
            _ => Repeat(ctx, model, SameBlock(ctx, model, x), 2),
        };
        if (attribute.Name == "Residual" && ctx.Chance(0.5))
            attribute.SetNamed("Projection", "typeof(MissingProjection)");
        else
        {
            int index = attribute.Positional.FindIndex(p => p.Contains("{TYPE:", StringComparison.Ordinal));
            attribute.Positional[index] = new System.Text.RegularExpressions.Regex(@"\{TYPE:\d+\}").Replace(attribute.Positional[index], "MissingBlock", 1);
        }
        add(attribute);
        Mistake(model, "typeof(Missing...)");
    }

    private static void NamesNotAnArray(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft attribute = Branches(ctx, model, ctx.Pick("Concat", "Sum"), [SameBlock(ctx, model, x), SameBlock(ctx, model, x)], null);
        string value = ctx.Pick("\"Left\"", "[1, 2]", "new[] { 'a', 'b' }");
        attribute.SetNamed("Names", value);
        add(attribute);
        Mistake(model, $"Names = {value}");
    }

    private static void MisspeltComposition(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft attribute = Residual(ctx, model, SameBlock(ctx, model, x), null);
        attribute.Composition = null;
        attribute.Name = ctx.Pick("Residul", "Resdiual", "Residuals");
        attribute.LongName = false;
        add(attribute);
        Mistake(model, $"[{attribute.Name}(...)] (misspelt composition)");
    }

    private static void NullableTypeOf(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        AttributeDraft attribute = Residual(ctx, model, SameBlock(ctx, model, x), null);
        attribute.Positional[0] = attribute.Positional[0][..^1] + "?)";
        add(attribute);
        Mistake(model, "typeof(B?)");
    }

    private static void MistakeInBlock(FuzzContext ctx, ModelDraft model)
    {
        var (x, add) = Spot(model);
        ModelDraft block = model.Program.NewBlock(model);
        var shape = new List<int>(x);
        NetworkFeatures.AddLayer(ctx, block.Network, shape, "Relu");
        string what;
        switch (ctx.Between(0, 4))
        {
            case 0:
                var dense = new AttributeDraft("Dense");
                dense.Positional.Add("\"4\"");
                block.Network.Layers.Add(dense);
                what = "Dense(\"4\") in a block";
                break;
            case 1:
                block.Network.Model.Positional.Add("3");
                what = "[Block(3)]";
                break;
            case 2:
                block.Network.Model.Name = "Blcok";
                block.Network.Model.LongName = false;
                what = "[Blcok] (misspelt [Block])";
                break;
            case 3:
                block.Type.Keyword = ctx.Pick("struct", "record struct");
                block.Type.Modifiers.RemoveAll(m => m is "sealed" or "abstract" or "static");
                what = $"[Block] on a {block.Type.Keyword}";
                break;
            default:
                var inner = new AttributeDraft("Repeat") { RawArguments = TypeOf(block, SameBlock(ctx, model, x)) };
                block.Network.Layers.Add(inner);
                what = "Repeat(typeof(B)) without a count, in a block";
                break;
        }
        block.Fault(Intent.CompilerMistake, "mistake: " + what);
        model.Program.FinishBlock(block, reusable: false);
        model.MistakeBlocks.Add(block);
        AttributeDraft use = Residual(ctx, model, block, null);
        add(use);
        Mistake(model, "in a block it uses: " + what);
    }
}
