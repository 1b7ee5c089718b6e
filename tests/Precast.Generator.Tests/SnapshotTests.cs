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
    public void LeNet5() => VerifyModel("LeNet", """
        using Precast;

        namespace Samples.FashionMnist;

        [Model(Input = [1, 28, 28])]
        [Conv2D(6, 5, Pad = 2, Name = "C1"), Relu, MaxPool2D(2, Name = "S2")]
        [Conv2D(16, 5, Name = "C3"), Relu, MaxPool2D(2, Name = "S4")]
        [Flatten]
        [Dense(120, Name = "F5"), Relu]
        [Dense(84, Name = "F6"), Relu]
        [Dense(10, Name = "Output")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class LeNet;
        """);

    [Fact]
    public void ResidualBlockWithBatchNorm() => VerifyModel("ResidualBatchNorm", """
        using Precast;

        namespace Samples.FashionMnist;

        [Block]
        [Conv2D(8, 3, Stride = 2, Pad = 1, Bias = false), BatchNorm, Relu]
        [Conv2D(8, 3, Pad = 1, Bias = false), BatchNorm]
        public sealed class Down;

        [Block]
        [Conv2D(8, 1, Stride = 2, Bias = false), BatchNorm]
        public sealed class Project;

        [Model(Input = [4, 8, 8])]
        [Residual(typeof(Down), Projection = typeof(Project), Name = "Block"), Relu]
        [GlobalAvgPool2D(Name = "Pool"), Dense(3, Name = "Output")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class ResidualBatchNorm;
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

    [Fact]
    public void ResidualNetworkWithAProjection() => VerifyModel("ResidualNet", """
        using Precast;

        namespace Tests.Models;

        /// <summary>Two layers that keep the width: the residual branch.</summary>
        [Block]
        [Dense(32), Relu]
        [Dense(32)]
        public sealed class TwoLayer;

        [Block]
        [Dense(64), Relu]
        [Dense(64)]
        public sealed class Widen;

        [Block]
        [Dense(64, Bias = false)]
        public sealed class Project;

        [Model(Input = [16])]
        [Dense(32, Name = "Stem"), Relu]
        [Residual(typeof(TwoLayer), Name = "Block1"), Relu]
        [Residual(typeof(Widen), Projection = typeof(Project), Name = "Block2"), Relu]
        [Dense(10, Name = "Head")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class ResidualNet;
        """);

    [Fact]
    public void RepeatedBlockWithBranches() => VerifyModel("RepeatedNet", """
        using Precast;

        namespace Tests.Models;

        [Block]
        [Dense(24), Tanh]
        public sealed class Branch;

        [Block]
        [Dense(8), Sigmoid]
        public sealed class Gate;

        /// <summary>A stage: two branches side by side, then a highway back to the stage's width.</summary>
        [Block]
        [Concat(typeof(Branch), typeof(Branch), Names = ["Left", "Right"])]
        [Dense(8, Name = "Mix")]
        [Highway(typeof(Branch8), typeof(Gate))]
        public sealed class Stage;

        [Block]
        [Dense(8), Tanh]
        public sealed class Branch8;

        [Model(Input = [8])]
        [Repeat(typeof(Stage), 3, Name = "Stages")]
        [Dense(1, Name = "Score")]
        [Loss(Loss.MeanSquaredError)]
        public partial class RepeatedNet;
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
