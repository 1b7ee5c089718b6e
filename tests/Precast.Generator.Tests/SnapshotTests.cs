using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// The emitted source of representative models, compared with the approved files in Snapshots/.
/// Each model must also compile without a single warning, as users build with warnings as errors.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void FashionMnistMlp() => VerifyModel("FashionMlp", """
        using Precast;

        namespace Samples.FashionMnist;

        [Model(Input = [1, 28, 28])]
        [Flatten]
        [Dense(128, Name = "Hidden"), Relu]
        [Dense(10, Name = "Output")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class FashionMlp;
        """);

    [Fact]
    public void EveryActivationNestedWithInputGradient() => VerifyModel("EveryActivation", """
        using Precast;

        namespace Tests.Models;

        public static partial class Zoo
        {
            [Model(Input = [16], InputGradient = true)]
            [Dense(32, Initializer = Initializer.HeNormal), LeakyRelu(Slope = 0.2)]
            [Dense(32), Gelu]
            [Dense(16, Initializer = Initializer.GlorotNormal), Tanh, Dropout(0.25)]
            [Dense(8), Sigmoid]
            [Dense(4, Bias = false), Softmax]
            [Loss(Loss.MeanSquaredError)]
            internal partial class EveryActivation;
        }
        """);

    [Fact]
    public void DoublePrecisionBinaryClassifierInGlobalNamespace() => VerifyModel("BinaryClassifier", """
        using Precast;

        [Model(Input = [6], Precision = Precision.Double)]
        [Dropout(0.1), Dense(5, Name = "Features"), Gelu(Approximate = true)]
        [Dense(3, Name = "Logits")]
        [Loss(Loss.SigmoidBinaryCrossEntropy)]
        public partial class BinaryClassifier;
        """);

    [Fact]
    public void InferenceOnlyModelStartingWithAnActivation() => VerifyModel("Scorer", """
        using Precast;

        namespace Tests.Models;

        [Model(Input = [2, 3])]
        [Relu, Flatten, Dense(4)]
        public partial class Scorer;
        """);

    private static void VerifyModel(string name, string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        var (hintName, text) = Assert.Single(result.Sources);
        Assert.EndsWith(name + ".g.cs", hintName);
        Snapshot.Verify(text, name);
    }
}
