namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// Deliberate C# mistakes in or around Precast's attributes, on an otherwise valid model. The
/// compiler reports each of them; the generator must add nothing about the model on top (the
/// user fixes the compiler's error first, and a Precast message about the same attribute would
/// only repeat or contradict it).
/// </summary>
internal static class MistakeFeatures
{
    public static readonly Feature<ModelDraft>[] All =
    [
        new("misspelt named argument", 3, MisspeltNamedArgument),
        new("duplicate named argument", 2, DuplicateNamedArgument),
        new("syntax error in an argument", 2, SyntaxError),
        new("wrong argument type", 3, WrongArgumentType),
        new("missing or extra argument", 2, WrongArity),
        new("unknown enum member", 1.5, UnknownEnumMember),
        new("non-constant argument", 1.5, NonConstantArgument),
        new("constant overflow", 1, ConstantOverflow),
        new("misspelt attribute", 1.5, MisspeltAttribute),
        new("[Model] on a struct", 1, m => m.Type.Bases.Count == 0 && !m.IsStatic, ModelOnStruct),
        new("two [Loss] attributes", 1, TwoLosses),
    ];

    private static void Mistake(ModelDraft model, string description) => model.Fault(Intent.CompilerMistake, "mistake: " + description);

    private static AttributeDraft Insert(FuzzContext ctx, NetworkDraft net, string kind)
    {
        var layer = new AttributeDraft(kind);
        net.Layers.Insert(ctx.Between(0, net.Layers.Count), layer);
        return layer;
    }

    private static AttributeDraft Existing(FuzzContext ctx, NetworkDraft net, string kind) =>
        net.Layers.FirstOrDefault(l => l.Name == kind) ?? Insert(ctx, net, kind);

    private static void MisspeltNamedArgument(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 3))
        {
            case 0:
                NetworkFeatures.SomeDense(ctx, net).Named.Add(new("Unitz", "3"));
                Mistake(model, "Dense(..., Unitz = 3)");
                break;
            case 1:
                Existing(ctx, net, "LeakyRelu").Named.Add(new("Slop", "0.1"));
                Mistake(model, "LeakyRelu(Slop = 0.1)");
                break;
            case 2:
                string input = net.Model.GetNamed("Input")!;
                net.Model.Named.RemoveAll(p => p.Key == "Input");
                net.Model.Named.Insert(0, new("Inputs", input));
                Mistake(model, "Model(Inputs = ...) instead of Input");
                break;
            default:
                NetworkFeatures.SomeDense(ctx, net).Named.Add(new("Nmae", "\"Hidden9\""));
                Mistake(model, "Dense(..., Nmae = \"Hidden9\")");
                break;
        }
    }

    private static void DuplicateNamedArgument(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 2))
        {
            case 0:
                AttributeDraft layer = net.Layers.Count > 0 ? ctx.Pick(net.Layers.ToArray()) : Insert(ctx, net, "Relu");
                layer.Named.RemoveAll(p => p.Key == "Name");
                layer.Named.Add(new("Name", "\"First\""));
                layer.Named.Add(new("Name", "\"Second\""));
                Mistake(model, $"{layer.Name}(Name = \"First\", Name = \"Second\")");
                break;
            case 1:
                net.Model.Named.Add(new("Input", net.Model.GetNamed("Input")!));
                Mistake(model, "Model(Input = ..., Input = ...)");
                break;
            default:
                AttributeDraft dense = NetworkFeatures.SomeDense(ctx, net);
                dense.Named.RemoveAll(p => p.Key == "Bias");
                dense.Named.Add(new("Bias", "true"));
                dense.Named.Add(new("Bias", "false"));
                Mistake(model, "Dense(..., Bias = true, Bias = false)");
                break;
        }
    }

    private static void SyntaxError(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 3))
        {
            case 0:
                net.Model.RawArguments = "Input = [1, , 2]";
                Mistake(model, "Model(Input = [1, , 2])");
                break;
            case 1:
                net.Model.RawArguments = "Input = [1, 2";
                model.OwnFile = true;
                Mistake(model, "Model(Input = [1, 2) (unclosed bracket)");
                break;
            case 2:
                AttributeDraft dense = NetworkFeatures.SomeDense(ctx, net);
                dense.RawArguments = string.Join(", ", dense.Positional) + ",";
                model.OwnFile = true;
                Mistake(model, "Dense(4,) (trailing comma)");
                break;
            default:
                AttributeDraft unclosed = NetworkFeatures.SomeDense(ctx, net);
                unclosed.Name = "Dense(" + unclosed.Positional[0];
                unclosed.Positional.Clear();
                unclosed.Named.Clear();
                unclosed.LongName = false;
                model.OwnFile = true;
                Mistake(model, "[Dense(4] (unclosed parenthesis)");
                break;
        }
    }

    private static void WrongArgumentType(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        string description;
        switch (ctx.Between(0, 9))
        {
            case 0:
                ReplacePositional(NetworkFeatures.SomeDense(ctx, net), "\"4\"");
                description = "Dense(\"4\")";
                break;
            case 1:
                ReplacePositional(Existing(ctx, net, "Dropout"), "\"0.5\"");
                description = "Dropout(\"0.5\")";
                break;
            case 2:
                NetworkFeatures.SomeDense(ctx, net).SetNamed("Bias", "1");
                description = "Dense(..., Bias = 1)";
                break;
            case 3:
                net.Model.SetNamed("Input", "4");
                description = "Model(Input = 4)";
                break;
            case 4:
                net.Model.SetNamed("Input", "[1.5]");
                description = "Model(Input = [1.5])";
                break;
            case 5:
                if (net.Loss is null)
                    NetworkFeatures.SetLoss(ctx, net, LossKind.MeanSquaredError);
                ReplacePositional(net.Loss!, "\"MeanSquaredError\"");
                description = "Loss(\"MeanSquaredError\")";
                break;
            case 6:
                Existing(ctx, net, "Gelu").SetNamed("Approximate", "\"yes\"");
                description = "Gelu(Approximate = \"yes\")";
                break;
            case 7:
                ReplacePositional(NetworkFeatures.SomeDense(ctx, net), "4.0");
                description = "Dense(4.0)";
                break;
            case 8:
                Existing(ctx, net, "LeakyRelu").SetNamed("Slope", "\"0.1\"");
                description = "LeakyRelu(Slope = \"0.1\")";
                break;
            default:
                net.Model.SetNamed("Precision", "1");
                description = "Model(Precision = 1)";
                break;
        }
        Mistake(model, description);
    }

    private static void ReplacePositional(AttributeDraft attribute, string value)
    {
        attribute.Positional.Clear();
        attribute.Positional.Add(value);
    }

    private static void WrongArity(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 4))
        {
            case 0:
                AttributeDraft dense = NetworkFeatures.SomeDense(ctx, net);
                dense.Positional.Clear();
                dense.EmptyParentheses = ctx.Chance(0.5);
                Mistake(model, "Dense() without units");
                break;
            case 1:
                AttributeDraft dropout = Existing(ctx, net, "Dropout");
                dropout.Positional.Clear();
                dropout.EmptyParentheses = true;
                Mistake(model, "Dropout() without a rate");
                break;
            case 2:
                if (net.Loss is null)
                    NetworkFeatures.SetLoss(ctx, net, LossKind.MeanSquaredError);
                net.Loss!.Positional.Clear();
                net.Loss.EmptyParentheses = ctx.Chance(0.5);
                Mistake(model, "Loss() without a kind");
                break;
            case 3:
                NetworkFeatures.SomeDense(ctx, net).Positional.Add("5");
                Mistake(model, "Dense(4, 5)");
                break;
            default:
                Existing(ctx, net, "Relu").Positional.Add("1");
                Mistake(model, "Relu(1)");
                break;
        }
    }

    private static void UnknownEnumMember(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 2))
        {
            case 0:
                if (net.Loss is null)
                    NetworkFeatures.SetLoss(ctx, net, LossKind.MeanSquaredError);
                ReplacePositional(net.Loss!, "{P}Loss.Mse");
                Mistake(model, "Loss(Loss.Mse)");
                break;
            case 1:
                NetworkFeatures.SomeDense(ctx, net).SetNamed("Initializer", "{P}Initializer.Xavier");
                Mistake(model, "Initializer = Initializer.Xavier");
                break;
            default:
                net.Model.SetNamed("Precision", "{P}Precision.Half");
                Mistake(model, "Precision = Precision.Half");
                break;
        }
    }

    private static void NonConstantArgument(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        switch (ctx.Between(0, 2))
        {
            case 0:
                ReplacePositional(NetworkFeatures.SomeDense(ctx, net), "int.Parse(\"4\")");
                Mistake(model, "Dense(int.Parse(\"4\"))");
                break;
            case 1:
                net.Model.SetNamed("Input", "[System.Environment.ProcessorCount]");
                Mistake(model, "Input = [System.Environment.ProcessorCount]");
                break;
            default:
                ReplacePositional(Existing(ctx, net, "Dropout"), "System.Math.Sqrt(0.25)");
                Mistake(model, "Dropout(System.Math.Sqrt(0.25))");
                break;
        }
    }

    private static void ConstantOverflow(FuzzContext ctx, ModelDraft model)
    {
        ReplacePositional(NetworkFeatures.SomeDense(ctx, model.Network), "int.MaxValue + 1");
        Mistake(model, "Dense(int.MaxValue + 1) (constant overflow)");
    }

    private static void MisspeltAttribute(FuzzContext ctx, ModelDraft model)
    {
        if (ctx.Chance(0.3))
        {
            model.Network.Model.Name = "Mdoel";
            Mistake(model, "[Mdoel(...)] instead of [Model(...)]");
            return;
        }
        string name = ctx.Pick("Rlu", "Tahn", "Sigmod", "Gleu");
        // First, so that ignoring it leaves no Softmax or Sigmoid right before the loss.
        model.Network.Layers.Insert(0, new AttributeDraft(name));
        Mistake(model, $"[{name}] (misspelt activation)");
    }

    private static void ModelOnStruct(FuzzContext ctx, ModelDraft model)
    {
        model.Type.Keyword = ctx.Pick("struct", "record struct");
        model.Type.Modifiers.RemoveAll(m => m is "sealed" or "abstract" or "static");
        Mistake(model, $"[Model] on a partial {model.Type.Keyword}");
    }

    private static void TwoLosses(FuzzContext ctx, ModelDraft model)
    {
        NetworkDraft net = model.Network;
        if (net.Loss is null)
            NetworkFeatures.SetLoss(ctx, net, LossKind.MeanSquaredError);
        AttributeDraft first = net.Loss!;
        // The second [Loss] repeats the first, written as an extra layer-position attribute after the last layer.
        var second = new AttributeDraft("Loss");
        second.Positional.AddRange(first.Positional);
        net.Layers.Add(second);
        Mistake(model, "two [Loss] attributes");
    }
}
