using System.Globalization;

namespace FashionMnist;

/// <summary>The sample's command line.</summary>
internal sealed record Options
{
    /// <summary>The --help text, with each network's defaults as <see cref="Recipe.For"/> gives them.</summary>
    public static string Usage => UsageText + Environment.NewLine + Environment.NewLine + Defaults();

    private const string UsageText = """
        Trains a network on Fashion-MNIST with Precast.

        Usage: FashionMnist [options]
          --model NAME        mlp: a multilayer perceptron (FashionMlp.cs, the default);
                              residual: a residual network of repeated dense blocks (ResidualMlp.cs);
                              lenet: LeNet-5, two convolutions with pooling (LeNet.cs);
                              resnet: a small ResNet with batch normalization and
                              squeeze-and-excitation (ResNet.cs);
                              inception: a small Inception network with factorized
                              1x7/7x1 kernels (Inception.cs)
          --data DIR          directory with train-images-idx3-ubyte, train-labels-idx1-ubyte,
                              t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each plain or .gz);
                              default: the 10,000/2,000-image subset shipped with the sample
          --epochs N          passes over the training set
          --batch N           samples per training step (default 64)
          --lr X              Adam learning rate, annealed to zero over the epochs
          --weight-decay X    AdamW's decoupled weight decay of weights and kernels, not of biases
                              or normalization parameters; 0 is plain Adam
          --augment A         how training images vary: none, flip (mirrored left to right at
                              random), crop (shifted by up to 2 pixels) or flip+crop
          --seed N            seeds weights, dropout and shuffling (default 1)
          --checkpoint PATH   where to save the trained weights (default fashion-<model>.safetensors);
                              a PNG plot of each epoch's loss and accuracy goes beside it (.png)
          --help              show this text
        """;

    /// <summary>The table of each network's recipe that ends the --help text.</summary>
    private static string Defaults()
    {
        var text = new System.Text.StringBuilder("Defaults of --epochs, --lr, --weight-decay and --augment for each network (Recipe.cs):");
        foreach (string model in Models)
        {
            Recipe recipe = Recipe.For(model);
            text.Append(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}  {model,-10} {recipe.Epochs} epochs, lr {recipe.LearningRate}, weight decay {recipe.WeightDecay}, {recipe.Augment.Text()}");
        }
        return text.ToString();
    }

    public string DataDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "data");

    // Epochs, LearningRate, WeightDecay and Augment: what the command line set of the training
    // recipe (null where it set nothing); Recipe fills in the rest from Recipe.For.
    public int? Epochs { get; init; }

    public int BatchSize { get; init; } = 64;

    public float? LearningRate { get; init; }

    public float? WeightDecay { get; init; }

    public Augmentation? Augment { get; init; }

    /// <summary>The model's recipe with the command line's choices in place of its defaults.</summary>
    public Recipe Recipe
    {
        get
        {
            Recipe defaults = Recipe.For(Model);
            return new(Epochs ?? defaults.Epochs, LearningRate ?? defaults.LearningRate, WeightDecay ?? defaults.WeightDecay, Augment ?? defaults.Augment);
        }
    }

    public ulong Seed { get; init; } = 1;

    public string Model { get; init; } = "mlp";

    public string? Checkpoint { get; init; }

    /// <summary>Where the trained weights go: --checkpoint, or a file named after the model.</summary>
    public string CheckpointPath => Checkpoint ?? $"fashion-{Model}.safetensors";

    public bool ShowHelp { get; init; }

    /// <summary>Parses the arguments, or throws <see cref="FormatException"/> saying which one is wrong and why.</summary>
    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--data" => options with { DataDirectory = Value() },
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch" => options with { BatchSize = Positive(name, Value()) },
                "--lr" => options with { LearningRate = PositiveReal(name, Value()) },
                "--weight-decay" => options with { WeightDecay = NonNegativeReal(name, Value()) },
                "--augment" => options with { Augment = AugmentationNamed(Value()) },
                "--seed" => options with { Seed = ulong.TryParse(Value(), CultureInfo.InvariantCulture, out ulong seed) ? seed : throw new FormatException($"--seed needs a whole number of 0 or more.") },
                "--checkpoint" => options with { Checkpoint = Value() },
                "--model" => options with { Model = ModelName(Value()) },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static string ModelName(string text) =>
        Array.IndexOf(Models, text) >= 0 ? text : throw new FormatException($"--model needs one of {string.Join(", ", Models)}, not '{text}'.");

    /// <summary>The networks --model accepts.</summary>
    public static readonly string[] Models = ["mlp", "residual", "lenet", "resnet", "inception"];

    private static int Positive(string name, string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"{name} needs a whole number of 1 or more, not '{text}'.");

    private static Augmentation AugmentationNamed(string text) =>
        AugmentationExtensions.Named(text)
        ?? throw new FormatException($"--augment needs {string.Join(", ", AugmentationExtensions.All[..^1].Select(a => a.Text()))} or {AugmentationExtensions.All[^1].Text()}, not '{text}'.");

    private static float NonNegativeReal(string name, string text) =>
        float.TryParse(text, CultureInfo.InvariantCulture, out float value) && value >= 0 && float.IsFinite(value)
            ? value
            : throw new FormatException($"{name} needs a number of 0 or more such as 0.05, not '{text}'.");

    private static float PositiveReal(string name, string text) =>
        float.TryParse(text, CultureInfo.InvariantCulture, out float value) && value > 0 && float.IsFinite(value)
            ? value
            : throw new FormatException($"{name} needs a positive number such as 0.001, not '{text}'.");
}
