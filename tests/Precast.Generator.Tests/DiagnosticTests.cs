using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Precast.Generator.Emission;
using Precast.Generator.Layers;
using Precast.Generator.Model;
using Precast.Generator.Planning;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// One test per diagnostic ID: the ID, the message a user reads, and where the squiggle goes
/// (the text the location covers). The marked span [|...|] in each source is the expected location.
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void PC0001_ModelNotPartial() => Expect("PC0001", """
        [Model(Input = [4])]
        [Dense(2)]
        public class [|Plain|];
        """,
        "Precast adds the generated network to 'Plain', so 'Plain' must be declared partial; add the 'partial' modifier");

    [Fact]
    public void PC0001_ContainingTypeNotPartial() => Expect("PC0001", """
        public static class Outer
        {
            [Model(Input = [4])]
            [Dense(2)]
            public partial class [|Inner|];
        }
        """,
        "Precast adds the generated network to 'Inner', so its containing type 'Outer' must be declared partial; add the 'partial' modifier");

    [Fact]
    public void PC0002_GenericModel() => Expect("PC0002", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class [|Generic|]<T>;
        """,
        "Model 'Generic' cannot be generic, but 'Generic' has type parameters; a Precast model fixes every size and type at compile time, so remove them");

    [Fact]
    public void PC0003_MissingInput() => Expect("PC0003", """
        [[|Model|]]
        [Dense(2)]
        public partial class NoInput;
        """,
        "Model 'NoInput' does not say what one input sample looks like; set Input, for example [Model(Input = [784])] or [Model(Input = [1, 28, 28])]");

    [Fact]
    public void PC0004_NonPositiveInputDimension() => Expect("PC0004", """
        [[|Model(Input = [1, 0, 28])|]]
        [Flatten, Dense(2)]
        public partial class ZeroInput;
        """,
        "Input dimension 1 of model 'ZeroInput' is 0; it must be at least 1");

    [Fact]
    public void PC0004_NonPositiveUnits() => Expect("PC0004", """
        [Model(Input = [4])]
        [[|Dense(-3, Name = "Hidden")|]]
        public partial class NegativeUnits;
        """,
        "Units of Dense 'Hidden' is -3; it must be at least 1");

    [Fact]
    public void PC0005_WeightMatrixTooLarge() => Expect("PC0005", """
        [Model(Input = [100000])]
        [[|Dense(100000)|]]
        public partial class Huge;
        """,
        "The weight matrix of Dense 'Dense1' ([100000, 100000]) has 10,000,000,000 values, more than the 2,147,483,591 a .NET array can hold; make it smaller");

    [Fact]
    public void PC0005_InputTooLarge() => Expect("PC0005", """
        [[|Model(Input = [65536, 65536])|]]
        [Flatten, Dense(2)]
        public partial class HugeInput;
        """,
        "The input of model 'HugeInput' ([65536, 65536]) has 4,294,967,296 values, more than the 2,147,483,591 a .NET array can hold; make it smaller");

    [Fact]
    public void PC0005_InputProductBeyondLongIsReportedExactly() => Expect("PC0005", """
        [[|Model(Input = [100000, 2147483647, 65536, 65536])|]]
        [Flatten, Dense(2)]
        public partial class Enormous;
        """,
        "The input of model 'Enormous' ([100000, 2147483647, 65536, 65536]) has 922,337,203,255,980,851,200,000 values, more than the 2,147,483,591 a .NET array can hold; make it smaller");

    [Fact]
    public void PC0006_NoLayers() => Expect("PC0006", """
        [[|Model(Input = [4])|]]
        public partial class Empty;
        """,
        "Model 'Empty' has no layers; add layer attributes after [Model], for example [Dense(10)]");

    [Fact]
    public void PC0007_SoftmaxOnImageNeedsFlatten() => Expect("PC0007", """
        [Model(Input = [1, 28, 28])]
        [[|Softmax(Name = "Probabilities")|]]
        public partial class MissingFlatten;
        """,
        "Softmax 'Probabilities' expects a vector input, but the model input produces [1, 28, 28]; add [Flatten] before it");

    [Fact]
    public void DenseWorksOnTheLastAxisSoAMissingFlattenShowsAtTheLoss() => Expect("PC0008", """
        [Model(Input = [1, 28, 28])]
        [Dense(128, Name = "Hidden"), Relu]
        [Dense(10, Name = "Output")]
        [[|Loss(Loss.SoftmaxCrossEntropy)|]]
        public partial class MissingFlatten;
        """,
        "Loss.SoftmaxCrossEntropy needs a vector of class scores, but Dense 'Output' produces [1, 28, 10]; add [Flatten] where each sample should become one vector (Dense works on the last axis and keeps the others), then a [Dense(classes)]");

    [Fact]
    public void PC0007_NamesThePreviousLayer() => Expect("PC0007", """
        [Model(Input = [2, 3])]
        [Relu(Name = "Rectify"), [|Softmax|]]
        public partial class SoftmaxOnMatrix;
        """,
        "Softmax 'Softmax1' expects a vector input, but Relu 'Rectify' produces [2, 3]; add [Flatten] before it");

    [Fact]
    public void PC0008_CrossEntropyNeedsTwoClasses() => Expect("PC0008", """
        [Model(Input = [4])]
        [Dense(1, Name = "Score")]
        [[|Loss(Loss.SoftmaxCrossEntropy)|]]
        public partial class OneClass;
        """,
        "Loss.SoftmaxCrossEntropy needs at least 2 class scores, but Dense 'Score' produces [1]; for a yes/no output use Loss.SigmoidBinaryCrossEntropy, or give the last layer one output per class");

    [Fact]
    public void PC0008_CrossEntropyNeedsAVector() => Expect("PC0008", """
        [Model(Input = [3, 4])]
        [Relu]
        [[|Loss(Loss.SoftmaxCrossEntropy)|]]
        public partial class MatrixOutput;
        """,
        "Loss.SoftmaxCrossEntropy needs a vector of class scores, but Relu 'Relu1' produces [3, 4]; add [Flatten] where each sample should become one vector (Dense works on the last axis and keeps the others), then a [Dense(classes)]");

    [Fact]
    public void PC0009_DropoutRateOutOfRange() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(8), [|Dropout(1.5)|], Dense(2)]
        public partial class BadDropout;
        """,
        "Rate of Dropout 'Dropout1' is 1.5; it is the probability of dropping a value and must be at least 0 and less than 1 (as a float), such as 0.5");

    [Fact]
    public void PC0009_LeakyReluSlopeNotFinite() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(8), [|LeakyRelu(Slope = double.NaN)|], Dense(2)]
        public partial class BadSlope;
        """,
        "Slope of LeakyRelu 'LeakyRelu1' is NaN; it must be a finite float, such as 0.01");

    [Fact]
    public void PC0009_SlopeTooLargeForFloat() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(8), [|LeakyRelu(Slope = 1e39)|], Dense(2)]
        public partial class HugeSlope;
        """,
        "Slope of LeakyRelu 'LeakyRelu1' is 1E+39; it must be a finite float, such as 0.01");

    [Fact]
    public void PC0009_DropoutRateThatRoundsToOneInFloat() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(8), [|Dropout(0.99999999)|], Dense(2)]
        public partial class AlmostAll;
        """,
        "Rate of Dropout 'Dropout1' is 0.99999999; it is the probability of dropping a value and must be at least 0 and less than 1 (as a float), such as 0.5");

    [Fact]
    public void PC0009_LossOutsideTheEnum() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(2)]
        [[|Loss((Loss)99)|]]
        public partial class UnknownLoss;
        """,
        "The kind of [Loss] is 99; it must be one of Loss.SoftmaxCrossEntropy, Loss.SigmoidBinaryCrossEntropy, Loss.MeanSquaredError, " +
        "Loss.SoftmaxCrossEntropyWithProbabilities, Loss.MeanAbsoluteError, Loss.Huber or Loss.KLDivergence");

    [Fact]
    public void PC0009_LabelSmoothingOutOfRange() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.SoftmaxCrossEntropy, LabelSmoothing = 1.5)|]]
        public partial class OverSmoothed;
        """,
        "LabelSmoothing of Loss.SoftmaxCrossEntropy is 1.5; it is the share of each target spread evenly over the classes and must be from 0 to 1, such as 0.1");

    [Fact]
    public void PC0009_LabelSmoothingNaNWithProbabilities() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.SoftmaxCrossEntropyWithProbabilities, LabelSmoothing = double.NaN)|]]
        public partial class NaNSmoothed;
        """,
        "LabelSmoothing of Loss.SoftmaxCrossEntropyWithProbabilities is NaN; it is the share of each target spread evenly over the classes and must be from 0 to 1, such as 0.1");

    [Fact]
    public void PC0009_LabelSmoothingOnALossWithoutIt() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.KLDivergence, LabelSmoothing = 0.1)|]]
        public partial class SmoothedDivergence;
        """,
        "LabelSmoothing of Loss.KLDivergence is 0.1; only Loss.SoftmaxCrossEntropy and Loss.SoftmaxCrossEntropyWithProbabilities smooth their targets, so remove it");

    [Fact]
    public void PC0009_HuberDeltaNotPositive() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.Huber, Delta = -1)|]]
        public partial class NegativeDelta;
        """,
        "Delta of Loss.Huber is -1; it is where the loss turns from quadratic to linear and must be positive and finite (as a float), such as 1");

    [Fact]
    public void PC0009_HuberDeltaZeroInFloat() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.Huber, Delta = 1e-50)|]]
        public partial class VanishingDelta;
        """,
        "Delta of Loss.Huber is 1E-50; it is where the loss turns from quadratic to linear and must be positive and finite (as a float), such as 1");

    [Fact]
    public void PC0009_HuberDeltaInfiniteInFloat() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.Huber, Delta = 1e39)|]]
        public partial class HugeDelta;
        """,
        "Delta of Loss.Huber is 1E+39; it is where the loss turns from quadratic to linear and must be positive and finite (as a float), such as 1");

    [Fact]
    public void PC0009_DeltaOnALossWithoutIt() => Expect("PC0009", """
        [Model(Input = [4])]
        [Dense(3)]
        [[|Loss(Loss.MeanAbsoluteError, Delta = 2)|]]
        public partial class AbsoluteWithDelta;
        """,
        "Delta of Loss.MeanAbsoluteError is 2; only Loss.Huber takes a delta, so remove it");

    [Fact]
    public void PC0008_DistributionLossesNeedClassScores() => Expect("PC0008", """
        [Model(Input = [3, 4])]
        [Relu]
        [[|Loss(Loss.KLDivergence)|]]
        public partial class MatrixDivergence;
        """,
        "Loss.KLDivergence needs a vector of class scores, but Relu 'Relu1' produces [3, 4]; add [Flatten] where each sample should become one vector (Dense works on the last axis and keeps the others), then a [Dense(classes)]");

    [Fact]
    public void PC0008_ProbabilityTargetsNeedTwoClasses() => Expect("PC0008", """
        [Model(Input = [4])]
        [Dense(1, Name = "Score")]
        [[|Loss(Loss.SoftmaxCrossEntropyWithProbabilities)|]]
        public partial class OneClassDistribution;
        """,
        "Loss.SoftmaxCrossEntropyWithProbabilities needs at least 2 class scores, but Dense 'Score' produces [1]; for a yes/no output use Loss.SigmoidBinaryCrossEntropy, or give the last layer one output per class");

    [Fact]
    public void PC0009_PrecisionOutsideTheEnum() => Expect("PC0009", """
        [[|Model(Input = [4], Precision = (Precision)7)|]]
        [Dense(2)]
        public partial class UnknownPrecision;
        """,
        "Precision of model 'UnknownPrecision' is 7; it must be one of Single or Double");

    [Fact]
    public void PC0009_InitializerOutsideTheEnum() => Expect("PC0009", """
        [Model(Input = [4])]
        [[|Dense(2, Initializer = (Initializer)42)|]]
        public partial class UnknownInitializer;
        """,
        "Initializer of Dense 'Dense1' is 42; it must be one of Auto, GlorotUniform, GlorotNormal, HeUniform or HeNormal");

    [Fact]
    public void PC0010_InvalidName() => Expect("PC0010", """
        [Model(Input = [4])]
        [[|Dense(8, Name = "hidden layer")|], Dense(2)]
        public partial class BadName;
        """,
        "Layer name 'hidden layer' is not a valid name; use letters, digits and underscores, starting with a letter, for example \"Hidden1\"");

    [Fact]
    public void PC0010_DuplicateName() => Expect("PC0010", """
        [Model(Input = [4])]
        [Dense(8, Name = "Hidden"), [|Dense(2, Name = "hidden")|]]
        public partial class SameName;
        """,
        "Layer name 'hidden' is already used by Dense 'Hidden'; each layer needs its own name (compared ignoring case)");

    [Fact]
    public void PC0010_InvalidBranchName() => Expect("PC0010", """
        [Block] [Dense(4)] public sealed class Pair;

        [Model(Input = [4])]
        [[|Concat(typeof(Pair), typeof(Pair), Names = ["a b", "c"])|]]
        public partial class Spaced;
        """,
        "Branch name 'Concat1.a b' is not a valid name; use letters, digits and underscores, starting with a letter, for example \"Left\"");

    [Fact]
    public void PC0010_DuplicateBranchName() => Expect("PC0010", """
        [Block] [Dense(4)] public sealed class Pair;

        [Model(Input = [4])]
        [[|Sum(typeof(Pair), typeof(Pair), Names = ["Left", "left"])|]]
        public partial class Twins;
        """,
        "Branch name 'Sum1.left' is already used by branch 'Sum1.Left'; each branch needs its own name (compared ignoring case)");

    [Theory]
    [InlineData("Concat", "")]
    [InlineData("Sum", "x.y")]
    [InlineData("Concat", "0")]
    [InlineData("Sum", "1x")]
    [InlineData("Concat", "x\\\"y")]
    [InlineData("Sum", "Left")]
    [InlineData("Concat", "_x")]
    public void BranchNamesAreCheckedLikeLayerNamesOnceWhereverTheBranchesAre(string kind, string name)
    {
        // Names become parts of tensor and member names, as layer names do; inside a block the
        // mistake is reported where the model uses the block.
        GeneratorResult result = GeneratorHarness.Run(Source($$"""
            [Block] [Dense(4)] public sealed class Pair;
            [Block] [{{kind}}(typeof(Pair), typeof(Pair), Names = ["Left", "{{name}}"])] public sealed class Branchy;

            [Model(Input = [4])]
            [{{kind}}(typeof(Pair), typeof(Pair), Names = ["Left", "{{name}}"], Name = "Outer")]
            public partial class Direct;

            [Model(Input = [4])]
            [Residual(typeof(Branchy), Name = "Inner")]
            public partial class Nested;

            public static class Usage
            {
                public static int Size() => new Direct(1).Parameters.Length + new Nested(1).Parameters.Length;
            }
            """));
        Assert.Equal(["PC0010", "PC0010"], result.GeneratorDiagnostics.Select(d => d.Id).ToArray());
        string[] messages = result.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToArray();
        Assert.StartsWith($"Branch name 'Inner.{kind}1.", messages[0]);
        Assert.StartsWith("Branch name 'Outer.", messages[1]);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void PC0011_BlockLayersOnTwoDeclarations() => Expect("PC0011", """
        [Block]
        [Dense(4)]
        public sealed partial class Split;

        [Relu]
        public sealed partial class Split;

        [Model(Input = [4])]
        [[|Residual(typeof(Split))|]]
        public partial class Outer;
        """,
        "Block 'Split' has layer attributes on more than one partial declaration, so their order is not defined; move all of its layers onto the declaration with [Block]");

    [Fact]
    public void PC0011_LayersOnTwoDeclarations() => Expect("PC0011", """
        [[|Model(Input = [4])|]]
        [Dense(8)]
        public partial class Split;

        [Dense(2)]
        public partial class Split;
        """,
        "Model 'Split' has layer attributes on more than one partial declaration, so their order is not defined; move all of [Model], the layers and [Loss] onto one declaration");

    [Fact]
    public void PC0012_SoftmaxBeforeCrossEntropy() => Expect("PC0012", """
        [Model(Input = [4])]
        [Dense(3), [|Softmax|]]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class DoubleSoftmax;
        """,
        "Softmax 'Softmax1' comes right before Loss.SoftmaxCrossEntropy, which applies Softmax itself, so the model would apply it twice; remove Softmax 'Softmax1'",
        DiagnosticSeverity.Warning);

    [Fact]
    public void PC0012_SigmoidBeforeBinaryCrossEntropy() => Expect("PC0012", """
        [Model(Input = [4])]
        [Dense(1), [|Sigmoid|]]
        [Loss(Loss.SigmoidBinaryCrossEntropy)]
        public partial class DoubleSigmoid;
        """,
        "Sigmoid 'Sigmoid1' comes right before Loss.SigmoidBinaryCrossEntropy, which applies Sigmoid itself, so the model would apply it twice; remove Sigmoid 'Sigmoid1'",
        DiagnosticSeverity.Warning);

    [Fact]
    public void PC0012_SoftmaxBeforeKLDivergence() => Expect("PC0012", """
        [Model(Input = [4])]
        [Dense(3), [|Softmax|]]
        [Loss(Loss.KLDivergence)]
        public partial class DoubleSoftmaxDivergence;
        """,
        "Softmax 'Softmax1' comes right before Loss.KLDivergence, which applies Softmax itself, so the model would apply it twice; remove Softmax 'Softmax1'",
        DiagnosticSeverity.Warning);

    [Fact]
    public void PC0014_LayerAfterLoss() => Expect("PC0014", """
        [Model(Input = [4])]
        [Dense(3)]
        [Loss(Loss.MeanSquaredError)]
        [[|Relu|]]
        public partial class LateLayer;
        """,
        "Relu 'Relu1' comes after [Loss], but the loss applies to the last layer's output; move [Loss] after the last layer");

    [Fact]
    public void PC0015_DerivedMemberNamesClash() => Expect("PC0015", """
        [Model(Input = [4])]
        [Dense(8, Name = "Hidden"), [|Dense(2, Name = "DHidden")|]]
        public partial class Clash;
        """,
        "Layer name 'DHidden' makes Precast use the name 'dHiddenOut' in the generated code, which Dense 'Hidden' also needs; give the layer another name");

    [Fact]
    public void PC0015_ClassNamedLikeAGeneratedMember() => Expect("PC0015", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class [|Predict|];
        """,
        "Model name 'Predict' makes Precast use the name 'Predict' in the generated code, which the model's own API and state also needs; C# does not allow a member with its class's name, so rename the class");

    [Fact]
    public void PC0015_ClassNamedLikeALayerMember() => Expect("PC0015", """
        [Model(Input = [4])]
        [Dense(2, Name = "Hidden")]
        public partial class [|HiddenWeight|];
        """,
        "Model name 'HiddenWeight' makes Precast use the name 'HiddenWeight' in the generated code, which Dense 'Hidden' also needs; C# does not allow a member with its class's name, so rename the class");

    [Fact]
    public void PC0016_StaticClass() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        public static partial class [|Tool|];
        """,
        "Model 'Tool' is a static class, but a model has instance members (its buffers, Forward, TrainStep); remove 'static'");

    [Fact]
    public void PC0016_Record() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial record [|Scores|];
        """,
        "Model 'Scores' is a record, whose generated copy and equality members would share and compare the model's buffers; declare it as a 'partial class'");

    [Fact]
    public void PC0016_FileLocalClass() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        file partial class [|Local|];
        """,
        "Model 'Local' is a file-local type, but its generated half is another file, which cannot see it; remove the 'file' modifier");

    [Fact]
    public void PC0016_PrimaryConstructor() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class Encoder[|(int size)|]
        {
            public int Size => size;
        }
        """,
        "Model 'Encoder' has a primary constructor, which every other constructor must call, but the generated constructor Encoder(int maxBatch, ulong seed = 0) cannot know its arguments; remove the parameter list and keep what it held in fields or properties");

    [Fact]
    public void PC0016_BaseClassWithoutParameterlessConstructor() => Expect("PC0016", """
        public abstract class Component
        {
            protected Component(string name) => Name = name;
            public string Name { get; }
        }

        [Model(Input = [4])]
        [Dense(2)]
        public partial class Scorer : [|Component|]
        {
            public Scorer() : base("scorer") { }
        }
        """,
        "Model 'Scorer' derives from 'Component', which has no accessible constructor without arguments for the generated constructor Scorer(int maxBatch, ulong seed = 0) to call; give 'Component' such a constructor (it may be protected), or derive from another class");

    [Fact]
    public void PC0016_BaseClassIsAModel() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class Small;

        [Model(Input = [4])]
        [Dense(3)]
        public partial class Larger : [|Small|];
        """,
        "Model 'Larger' derives from 'Small', which is a Precast model too, and a model's generated members cannot be overridden; derive from another class, or declare all the layers on one model");

    [Fact]
    public void PC0016_ConstructorWithTheGeneratedSignature() => Expect("PC0016", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class Twice
        {
            public [|Twice|](int batch, ulong seed) { }
        }
        """,
        "Model 'Twice' declares a constructor (int, ulong), the signature of the constructor Precast generates; remove it, or change its parameters");

    [Fact]
    public void PC0017_UserMemberNamedLikeAModelMember() => Expect("PC0017", """
        [Model(Input = [4])]
        [Dense(2)]
        public partial class Reporter
        {
            public string [|Summary|]() => "mine";
        }
        """,
        "'Reporter' declares a method 'Summary', but Precast generates a member named 'Summary' for the model's own API and state; rename your method");

    [Fact]
    public void PC0017_UserMemberNamedLikeALayerMember() => Expect("PC0017", """
        [Model(Input = [4])]
        [Dense(2, Name = "Hidden")]
        public partial class Tuned
        {
            private readonly float[] [|HiddenWeight|] = new float[2];
        }
        """,
        "'Tuned' declares a field 'HiddenWeight', but Precast generates a member named 'HiddenWeight' for Dense 'Hidden'; rename your field or the layer");

    [Fact]
    public void PC0017_InheritedMemberThatAGeneratedMemberWouldHide() => Expect("PC0017", """
        public class Pipeline
        {
            public string Summary() => "pipeline";
        }

        [Model(Input = [4])]
        [Dense(2)]
        public partial class Stage : [|Pipeline|];
        """,
        "'Stage' inherits a member 'Summary' from 'Pipeline', but Precast generates a member named 'Summary' for the model's own API and state; the generated member would hide it, so rename it in 'Pipeline'");

    [Fact]
    public void OverloadsOfGeneratedMethodsAreTheUsersToDeclare()
    {
        // C# allows overloads, so only a method with a generated method's exact signature clashes.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            public class Pipeline
            {
                public void Forward() { }
            }

            [Model(Input = [4])]
            [Dense(2)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Stage : Pipeline
            {
                public string Summary(string prefix) => prefix + Summary();
                public float TrainStep(float[] inputs, int label) => TrainStep(inputs, new[] { label });
                public void Backward(int steps) { }
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void PC0018_LayersWithoutModel() => Expect("PC0018", """
        [[|Dense(16)|], Relu]
        [Dense(2)]
        public partial class Forgotten;
        """,
        "[Dense] is on 'Forgotten', which has neither [Model] nor [Block], so nothing uses it; add [Model(Input = [...])] to make 'Forgotten' a model, [Block] to use it inside models, or remove the attribute");

    [Fact]
    public void PC0018_LossWithoutModel() => Expect("PC0018", """
        [[|Loss(Loss.MeanSquaredError)|]]
        public class JustALoss;
        """,
        "[Loss] is on 'JustALoss', which has neither [Model] nor [Block], so nothing uses it; add [Model(Input = [...])] to make 'JustALoss' a model, [Block] to use it inside models, or remove the attribute");

    [Fact]
    public void PC0019_TypeThatIsNotABlock() => Expect("PC0019", """
        public sealed class Helper;

        [Model(Input = [4])]
        [[|Residual(typeof(Helper))|]]
        public partial class UsesAHelper;
        """,
        "Residual 'Residual1' uses 'Helper', which is not a block; mark 'Helper' with [Block] and its layers, or use a class marked [Block] or [Model]");

    [Fact]
    public void PC0020_BlockThatUsesItselfThroughAnother() => Expect("PC0020", """
        [Block]
        [Dense(4), Residual(typeof(Pong))]
        public sealed class Ping;

        [Block]
        [Dense(4), Sum(typeof(Ping), typeof(Ping))]
        public sealed class Pong;

        [Model(Input = [4])]
        [[|Repeat(typeof(Ping), 2, Name = "Rally")|]]
        public partial class Table;
        """,
        "Sum 'Rally.0.Residual1.Sum1' uses block 'Ping', which uses itself (Ping → Pong → Ping); a block cannot contain itself, directly or through other blocks");

    [Fact]
    public void PC0020_ModelThatUsesItself() => Expect("PC0020", """
        [Model(Input = [4])]
        [Dense(4), [|Residual(typeof(Loop))|]]
        public partial class Loop;
        """,
        "Residual 'Residual1' uses block 'Loop', which uses itself (Loop → Loop); a block cannot contain itself, directly or through other blocks");

    [Fact]
    public void PC0021_ResidualShapesDifferSuggestsAProjection() => Expect("PC0021", """
        [Block]
        [Dense(8)]
        public sealed class Widen;

        [Model(Input = [4])]
        [[|Residual(typeof(Widen))|]]
        public partial class TooWide;
        """,
        "Residual 'Residual1' adds tensors whose shapes differ: the input gives [4], block 'Widen' gives [8]; give it a Projection block that maps [4] to [8]: [Residual(typeof(Widen), Projection = typeof(...))]");

    [Fact]
    public void PC0021_SumBranchesDiffer() => Expect("PC0021", """
        [Block] [Dense(8)] public sealed class Eight;
        [Block] [Dense(6)] public sealed class Six;

        [Model(Input = [4])]
        [[|Sum(typeof(Eight), typeof(Six), Name = "Both")|]]
        public partial class Mismatch;
        """,
        "Sum 'Both' adds tensors whose shapes differ: block 'Eight' gives [8], block 'Six' gives [6]; make every branch produce the same shape");

    [Fact]
    public void PC0021_HighwayShapesDiffer() => Expect("PC0021", """
        [Block] [Dense(8), Tanh] public sealed class Transform;
        [Block] [Dense(4), Sigmoid] public sealed class Gate;

        [Model(Input = [4])]
        [[|Highway(typeof(Transform), typeof(Gate))|]]
        public partial class Lane;
        """,
        "Highway 'Highway1' mixes tensors whose shapes differ: the transform 'Transform' produces [8], the gate 'Gate' [4], the input is [4]; H(x), T(x) and x must have one shape, so make both blocks end with a layer of [4] outputs");

    [Fact]
    public void PC0022_ConcatBranchesDifferOnASecondAxis() => Expect("PC0022", """
        [Block] [Dense(2)] public sealed class Two;
        [Block] [Dense(3)] public sealed class Three;

        [Model(Input = [5, 4])]
        [[|Concat(typeof(Two), typeof(Three))|]]
        public partial class Ragged;
        """,
        "Concat 'Concat1' joins its branches on the first axis, but they differ on another: block 'Two' produces [5, 2], block 'Three' produces [5, 3]; only the first axis may differ; make the branches agree on the others (the same spatial size, the same rank)");

    [Fact]
    public void PC0022_UNetSkipCroppedToTheWrongSize() => Expect("PC0022", """
        [Block] [Cropping2D(3)] public sealed class Skip;
        [Block] [MaxPool2D(2), Conv2D(4, 3), Relu, UpSampling2D(2)] public sealed class Lower;

        [Model(Input = [1, 12, 14])]
        [Conv2D(2, 3), Relu]
        [[|Concat(typeof(Skip), typeof(Lower), Name = "Level0")|]]
        [Conv2D(2, 1)]
        public partial class UNet;
        """,
        // The skip is cropped by 3 where 2 makes it the [2, 6, 8] that comes back up.
        "Concat 'Level0' joins its branches on the first axis, but they differ on another: block 'Skip' produces [2, 4, 6], block 'Lower' produces [4, 6, 8]; only the first axis may differ; make the branches agree on the others (the same spatial size, the same rank)");

    [Fact]
    public void PC0023_ScaleThatDoesNotBroadcast() => Expect("PC0023", """
        [Block] [Flatten, Dense(5), Sigmoid] public sealed class Excite;

        [Model(Input = [3, 5])]
        [[|Scale(typeof(Excite))|]]
        public partial class Squeezed;
        """,
        "Scale 'Scale1' multiplies its input [3, 5] by the output of block 'Excite', [5], which does not broadcast over it; the gate must produce the input's leading axes, such as [3] or [3, 1] for a [3, 5] input (end the gate with a [Dense(3)] on pooled channels)");

    [Fact]
    public void PC0024_BlockWithALoss() => Expect("PC0024", """
        [Block]
        [Dense(4)]
        [Loss(Loss.MeanSquaredError)]
        public sealed class Scored;

        [Model(Input = [4])]
        [[|Residual(typeof(Scored))|]]
        public partial class Outer;
        """,
        "Residual 'Residual1' uses block 'Scored', which has a [Loss], but a block's output feeds the layers after it; remove [Loss] from 'Scored'");

    [Fact]
    public void ABlockWithALossBeforeALayerGetsOneErrorForOneMistake()
    {
        // A block may not have a [Loss] at all, so "a layer after [Loss]" (PC0014) would only repeat PC0024.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Block]
            [Dense(4)]
            [Loss(Loss.MeanSquaredError)]
            [Tanh]
            public sealed class Scored;

            [Model(Input = [4])]
            [Residual(typeof(Scored))]
            public partial class Outer;
            """));
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PC0024", diagnostic.Id);
        Assert.Equal(
            "Residual 'Residual1' uses block 'Scored', which has a [Loss], but a block's output feeds the layers after it; remove [Loss] from 'Scored'",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void PC0024_BlockWithoutLayers() => Expect("PC0024", """
        [Block]
        public sealed class Hollow;

        [Model(Input = [4])]
        [[|Repeat(typeof(Hollow), 2)|]]
        public partial class Outer;
        """,
        "Repeat 'Repeat1' uses block 'Hollow', which has no layers; give 'Hollow' layer attributes, such as [Dense(64), Relu]");

    [Fact]
    public void PC0004_RepeatCountBelowOne() => Expect("PC0004", """
        [Block] [Dense(4)] public sealed class Layer;

        [Model(Input = [4])]
        [[|Repeat(typeof(Layer), 0, Name = "Stack")|]]
        public partial class Empty;
        """,
        "Count of Repeat 'Stack' is 0; it must be at least 1");

    [Fact]
    public void PC0025_ExpandsToTooManyLayers() => Expect("PC0025", """
        [Block] [Dense(2), Relu] public sealed class Pair;
        [Block] [Repeat(typeof(Pair), 1000)] public sealed class Thousand;

        [[|Model(Input = [2])|]]
        [Repeat(typeof(Thousand), 1000000)]
        public partial class Tower;
        """,
        "Model 'Tower' expands to more than 4,096 layers through its blocks and repeats, more than Precast generates code for; use fewer repeats or smaller blocks");

    [Fact]
    public void AMistakeInsideABlockIsReportedWhereTheModelUsesItNamingTheInnerLayer() => Expect("PC0007", """
        [Block]
        [Dense(4), Softmax(Name = "Probabilities")]
        public sealed class Attend;

        [Model(Input = [3, 6])]
        [Dense(6)]
        [[|Repeat(typeof(Attend), 2, Name = "Layers")|]]
        public partial class Sequence;
        """,
        "Softmax 'Layers.0.Probabilities' expects a vector input, but Dense 'Layers.0.Dense1' produces [3, 4]; add [Flatten] before it");

    [Fact]
    public void TheReadmesExampleMistakeIsReportedWhereTheModelUsesTheBlock() => Expect("PC0021", """
        [Block]
        [Dense(128), Relu]
        [Dense(64)]
        public sealed class TwoDense;

        [Block]
        [Residual(typeof(TwoDense)), Relu]
        public sealed class ResidualBlock;

        [Model(Input = [1, 28, 28])]
        [Flatten, Dense(128, Name = "Stem"), Relu]
        [[|Repeat(typeof(ResidualBlock), 4, Name = "Blocks")|]]
        [Dense(10, Name = "Output")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class ResidualMlp;
        """,
        "Residual 'Blocks.0.Residual1' adds tensors whose shapes differ: the input gives [128], block 'TwoDense' gives [64]; give it a Projection block that maps [128] to [64]: [Residual(typeof(TwoDense), Projection = typeof(...))]");

    [Fact]
    public void ABlockUsedAtTwoShapesIsCheckedAtEach()
    {
        // The same block fits a [4] input and a [6] input: two pieces of code, each with its own constants.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Block]
            [Dense(6), Tanh]
            public sealed class Six;

            [Model(Input = [4])]
            [Repeat(typeof(Six), 2, Name = "Twice")]
            [Dense(1)]
            public partial class Widths;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = Assert.Single(result.Sources).Text;
        Assert.Contains("new(\"Twice.0.Dense1.weight\", [6, 4]", source);
        Assert.Contains("new(\"Twice.1.Dense1.weight\", [6, 6]", source);
    }

    [Fact]
    public void AModelCanBeUsedAsABlockAndItsLossIsIgnored()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [8])]
            [Dense(8, Name = "Project"), Relu]
            [Loss(Loss.MeanSquaredError)]
            public partial class Encoder;

            [Model(Input = [8])]
            [Residual(typeof(Encoder), Name = "Skip")]
            [Dense(2)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Classifier;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Contains("new(\"Skip.Project.weight\", [8, 8]", result.Sources.Single(s => s.HintName.Contains("Classifier")).Text);
    }

    [Fact]
    public void ADuplicateNameIsReportedOnceNotAlsoAsAMemberClash()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [4])]
            [Dense(8, Name = "Hidden"), Dense(2, Name = "Hidden")]
            public partial class Repeated;
            """));
        Assert.Equal("PC0010", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void TwoModelDeclarationsOfOneClassAreOneModelLeftToTheCompilersError()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [4])]
            [Dense(0)]
            public partial class Twice;

            [Model(Input = [4])]
            public partial class Twice;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal("CS0579", Assert.Single(result.CompilationDiagnostics).Id);
    }

    [Fact]
    public void DiagnosticsArePlacedInTheUsersSyntaxTreeSoPragmasApply()
    {
        string source = Source("""
            [Model(Input = [4])]
            [Dense(3)]
            #pragma warning disable PC0012
            [Softmax]
            #pragma warning restore PC0012
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Quiet;
            """);
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Diagnostic warning = Assert.Single(diagnostics);
        Assert.Equal("PC0012", warning.Id);
        Assert.Same(compilation.SyntaxTrees.Single(), warning.Location.SourceTree);
        // What the compiler does with a generator's diagnostic before it reaches the build output:
        // the #pragma around the attribute suppresses it.
        Assert.Null(CompilationWithAnalyzers.GetEffectiveDiagnostics([warning], compilation).SingleOrDefault(d => !d.IsSuppressed));
    }

    [Fact]
    public void AutomaticNamesSkipNamesGivenExplicitly()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [4])]
            [Dense(8, Name = "Dense2"), Relu, Dense(3)]
            public partial class Named;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = Assert.Single(result.Sources).Text;
        Assert.Contains("Dense2Weight", source);
        Assert.Contains("Dense3Weight", source);
        Assert.DoesNotContain("Dense1Weight", source);
    }

    [Fact]
    public void PC0005_TheLimitIsTheLargestArray()
    {
        // 46,340 × 46,341 = 2,147,441,940 weights fit in an array; with 46,341 biases the flat
        // parameter buffer does not.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [46340])]
            [Dense(46341, Name = "Wide")]
            public partial class AtTheLimit;
            """));
        Assert.Equal(
            "Model 'AtTheLimit' up to Dense 'Wide' has 2,147,488,281 values, more than the 2,147,483,591 a .NET array can hold; make it smaller",
            Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PC0013_AnExceptionInShapeInferenceBecomesADiagnostic()
    {
        // No real model should reach this path, so a layer that throws stands in for a generator bug.
        var location = new SourceSpan("Model0.cs", new TextSpan(10, 5), new LinePositionSpan(new(1, 1), new(1, 6)));
        var declaration = new TypeDeclaration("Tests", EquatableArray<ContainingType>.Empty, "Broken", location,
            EquatableArray<UserMember>.Empty, null, HasSummary: false, HasRemarks: false, IsExtensible: true);
        var spec = new ModelSpec(
            declaration, new[] { 4 }.ToEquatableArray(), Precast.Generator.Model.Precision.Single, false,
            new ItemSpec[] { new ThrowingLayer("Boom", location) }.ToEquatableArray(), EquatableArray<BlockSpec>.Empty, null, location,
            EquatableArray<DiagnosticInfo>.Empty, HasBindingErrors: false);

        ModelPlan plan = ModelPlanner.Plan(spec);

        Assert.False(plan.CanEmit);
        Diagnostic diagnostic = Assert.Single(plan.Diagnostics).ToDiagnostic(tree: null);
        Assert.Equal("PC0013", diagnostic.Id);
        Assert.Equal(
            "Precast could not generate model 'Broken' because of an internal error: shape rule exploded. Please report it with the model's declaration.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new TextSpan(10, 5), diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void PC0013_AParserThatGaveUpIsNotFollowedByItsConsequences()
    {
        // The parser's fallback after an exception has no input and no layers: "no input" (PC0003)
        // and "no layers" (PC0006) would blame the user for what the parser could not read.
        var location = new SourceSpan("Model0.cs", new TextSpan(10, 5), new LinePositionSpan(new(1, 1), new(1, 6)));
        var declaration = new TypeDeclaration("Tests", EquatableArray<ContainingType>.Empty, "Broken", location,
            EquatableArray<UserMember>.Empty, null, HasSummary: false, HasRemarks: false, IsExtensible: false);
        DiagnosticInfo internalError = DiagnosticInfo.Create(Precast.Generator.Diagnostics.Descriptors.InternalError, location, "Broken", "parser exploded");
        var spec = new ModelSpec(
            declaration, EquatableArray<int>.Empty, Precast.Generator.Model.Precision.Single, false,
            EquatableArray<ItemSpec>.Empty, EquatableArray<BlockSpec>.Empty, null, location,
            new[] { internalError }.ToEquatableArray(), HasBindingErrors: false);

        ModelPlan plan = ModelPlanner.Plan(spec);

        Assert.False(plan.CanEmit);
        Assert.Equal([internalError], plan.Diagnostics);
    }

    private sealed record ThrowingLayer(string Name, SourceSpan? Location) : LayerSpec(Name, Location)
    {
        public override string Kind => "Throwing";

        public override string Formula => "y = ?";

        protected override Shape? InferShape(Shape input, ShapeContext context) =>
            throw new InvalidOperationException("shape rule exploded");

        public override void EmitForward(NodeEmitContext context) => throw new InvalidOperationException("not emitted");

        public override void EmitBackward(NodeEmitContext context) => throw new InvalidOperationException("not emitted");
    }

    private const string UsesTheModel = """

        public static class Usage
        {
            public static float Train(float[] inputs, int[] labels)
            {
                var model = new Classifier(maxBatch: 4, seed: 7);
                var adam = new Precast.Optimizers.Adam<float>(model, new() { LearningRate = 1e-3 });
                float loss = model.TrainStep(inputs, labels);
                adam.Step();
                model.Forward(inputs);
                model.ComputeLoss(labels);
                model.Backward();
                int[] classes = new int[labels.Length];
                model.PredictClasses(inputs, classes);
                return loss + model.PredictClass(global::System.MemoryExtensions.AsSpan(inputs, 0, Classifier.InputSize)) + model.Parameters.Length + model.Summary().Length;
            }
        }
        """;

    [Fact]
    public void AfterAnErrorOnlyThatErrorIsShownNotACascadeInCodeUsingTheModel()
    {
        // The model's public surface is still generated, with members that throw, so code that
        // uses the model compiles and the build shows only Precast's error, on the attribute.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [1, 28, 28])]
            [Dense(128)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Classifier;
            """ + UsesTheModel));
        Assert.Equal("PC0008", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Contains("throw global::Precast.Guard.NotGenerated(\"Classifier\")", Assert.Single(result.Sources).Text);
    }

    [Fact]
    public void ArgumentsTheCompilerRejectsAreLeftToTheCompiler()
    {
        // The compiler reports the bad argument; the generator adds no diagnostic of its own
        // (it would be reasoning about an argument the user did not mean), and the code using the
        // model sees only the compiler's error on the attribute.
        string[] mistakes = ["Dense(\"ten\")", "Dense(2, Unitz = 3)", "Dense(2, Name = \"a\", Name = \"b\")", "Dense(2), Dens(4)"];
        foreach (string mistake in mistakes)
        {
            GeneratorResult result = GeneratorHarness.Run(Source($$"""
                [Model(Input = [4])]
                [{{mistake}}]
                [Loss(Loss.SoftmaxCrossEntropy)]
                public partial class Classifier;
                """ + UsesTheModel));
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.NotEmpty(result.CompilationDiagnostics);
            Assert.All(result.CompilationDiagnostics, error =>
            {
                Assert.Equal(DiagnosticSeverity.Error, error.Severity);
                Assert.Equal(3, error.Location.GetLineSpan().StartLinePosition.Line); // the attribute's line
            });
        }
    }

    [Fact]
    public void ASyntaxErrorInTheInputShapeIsLeftToTheCompiler()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [1, , 2])]
            [Dense(2)]
            public partial class Broken;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.All(result.CompilationDiagnostics, d => Assert.StartsWith("CS", d.Id));
        Assert.NotEmpty(result.CompilationDiagnostics);
    }

    private static string Source(string body) => "using Precast;\n\n" + body;

    [Fact]
    public void PC0026_KernelLargerThanThePaddedInput() => Expect("PC0026", """
        [Model(Input = [1, 4, 6])]
        [[|Conv2D(8, 5, Name = "Features")|]]
        [Flatten, Dense(2)]
        public partial class Tiny;
        """,
        "Conv2D 'Features' slides a window of 5 rows along the height of [1, 4, 6] from the model input, but the padded input has 4: 4 + 0 + 0 − 5 + 1 = 0 outputs; use a smaller kernel, or pad the input: Pad = 1 or Padding = Padding.Same");

    [Fact]
    public void PC0026_DilatedWindowOnTheWidthInsideABlock() => Expect("PC0026", """
        [Block]
        [Conv2D(2, 3, Dilation = 3, Name = "Wide")]
        public sealed class Atrous;

        [Model(Input = [1, 9, 6])]
        [[|Residual(typeof(Atrous), Name = "Skip")|]]
        [Flatten, Dense(2)]
        public partial class Dilated;
        """,
        "Conv2D 'Skip.Wide' slides a window of 7 columns along the width of [1, 9, 6] from the model input, but the padded input has 6: 6 + 0 + 0 − 3·(3 − 1) − 1 + 1 = 0 outputs; use a smaller kernel, or pad the input: Pad = 1 or Padding = Padding.Same");

    [Fact]
    public void PC0026_PoolingWindowLargerThanItsInput() => Expect("PC0026", """
        [Model(Input = [2, 8, 3])]
        [[|MaxPool2D(4, Name = "Pool")|]]
        [Flatten, Dense(2)]
        public partial class Pooled;
        """,
        "MaxPool2D 'Pool' slides a window of 4 columns along the width of [2, 8, 3] from the model input, but the padded input has 3: (3 + 0 + 0 − 4)/4 + 1 = 0 outputs; use a smaller window, or pad the input: Pad = 1 or Padding = Padding.Same");

    [Fact]
    public void PC0027_TransposedConvolutionPaddedAway() => Expect("PC0027", """
        [Model(Input = [8, 2, 2])]
        [[|Conv2DTranspose(4, 3, Pad = 3, Name = "Up")|]]
        [Flatten, Dense(2)]
        public partial class Decoder;
        """,
        "Conv2DTranspose 'Up' on [8, 2, 2] from the model input gives -2 rows along the height: (2 − 1)·1 − 3 − 3 + 3 + 0 = -2; use less padding, a larger kernel or a larger stride");

    [Fact]
    public void PC0028_FiltersNotDivisibleByGroups() => Expect("PC0028", """
        [Model(Input = [8, 6, 6])]
        [[|Conv2D(6, 3, Groups = 4, Name = "Grouped")|]]
        [Flatten, Dense(2)]
        public partial class Grouped;
        """,
        "Conv2D 'Grouped' splits its 8 input channels and 6 filters into 4 groups, but 6 filters cannot be split into 4 equal groups; choose Groups that divides both the input channels and the filters");

    [Fact]
    public void PC0029_CropLargerThanTheWidth() => Expect("PC0029", """
        [Model(Input = [3, 32, 10])]
        [[|Cropping2D(2, 5)|]]
        [Flatten, Dense(2)]
        public partial class Cropper;
        """,
        "Cropping2D 'Cropping2D1' removes 5 + 5 columns along the width of [3, 32, 10] from the model input, which has 10; crop less");

    [Fact]
    public void PC0030_BatchNormOnARankFourSample() => Expect("PC0030", """
        [Model(Input = [2, 3, 4, 5])]
        [[|BatchNorm|]]
        [Flatten, Dense(2)]
        public partial class Volumes;
        """,
        "BatchNorm 'BatchNorm1' normalizes each feature of a [features] sample or each channel of a [channels, length] or [channels, height, width] sample, but the model input produces [2, 3, 4, 5]; add [Reshape(2, 60)] before it to normalize each of the 2 channels over the other axes");

    [Fact]
    public void PC0031_ConvolutionOnAVectorSuggestsAReshape() => Expect("PC0031", """
        [Model(Input = [784])]
        [[|Conv2D(6, 5, Name = "Features")|]]
        [Flatten, Dense(2)]
        public partial class Digits;
        """,
        "Conv2D 'Features' expects a [channels, height, width] input, but the model input produces [784]; add [Reshape(1, 28, 28)] before it, if the values are a grey 28×28 image");

    [Fact]
    public void PC0031_ColourImageVector() => Expect("PC0031", """
        [Model(Input = [3072])]
        [[|MaxPool2D(2)|]]
        [Flatten, Dense(2)]
        public partial class Colour;
        """,
        "MaxPool2D 'MaxPool2D1' expects a [channels, height, width] input, but the model input produces [3072]; add [Reshape(3, 32, 32)] before it, if the values are a colour 32×32 image");

    [Fact]
    public void PC0031_Conv2DOnASequenceSuggestsConv1D() => Expect("PC0031", """
        [Model(Input = [16, 40])]
        [[|Conv2D(8, 3)|]]
        [Flatten, Dense(2)]
        public partial class Text;
        """,
        "Conv2D 'Conv2D1' expects a [channels, height, width] input, but the model input produces [16, 40]; add [Reshape(16, 1, 40)] before it, or use Conv1D on the sequence");

    [Fact]
    public void PC0031_Conv1DOnAnImage() => Expect("PC0031", """
        [Model(Input = [1, 28, 28])]
        [[|Conv1D(8, 3)|]]
        [Flatten, Dense(2)]
        public partial class Rows;
        """,
        "Conv1D 'Conv1D1' expects a [channels, length] input, but the model input produces [1, 28, 28]; use Conv2D on the image, or add [Reshape(1, 784)] before it to read the positions in order");

    [Fact]
    public void PC0031_ChannelDropoutOnAVector() => Expect("PC0031", """
        [Model(Input = [64])]
        [[|Dropout2D(0.2)|]]
        [Dense(2)]
        public partial class Flat;
        """,
        "Dropout2D 'Dropout2D1' expects a [channels, ...] input, but the model input produces [64]; use [Dropout] to drop single values of a vector");

    [Fact]
    public void PC0032_StrideSkipsTheLastRow() => Expect("PC0032", """
        [Model(Input = [1, 28, 27])]
        [[|Conv2D(8, 5, Stride = 2, Name = "Features")|]]
        [Flatten, Dense(2)]
        public partial class Strided;
        """,
        "Conv2D 'Features' never reads the last 1 row of its input [1, 28, 27]: along the height, (28 + 0 + 0 − 5)/2 + 1 = 12.5 is not whole with stride 2, so the windows stop before the end; pad 1 more (PadBottom = 1) or use Padding = Padding.Same if every row should count, or crop the input if dropping it is intended",
        DiagnosticSeverity.Warning);

    [Fact]
    public void PC0032_NotWhenOnlyPaddingIsSkipped()
    {
        // ResNet's downsampling: 3×3, stride 2, padding 1 on 28 skips the bottom padding row only;
        // a 1×1 stride-2 projection skips every other position by design.
        GeneratorResult result = GeneratorHarness.Run(Source("""
            [Model(Input = [4, 28, 28])]
            [Conv2D(8, 3, Stride = 2, Pad = 1), Conv2D(8, 1, Stride = 2)]
            [Flatten, Dense(2)]
            public partial class Downsampled;
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void PC0033_ReshapeToFewerValues() => Expect("PC0033", """
        [Model(Input = [784])]
        [[|Reshape(1, 28, 27, Name = "Image")|]]
        [Flatten, Dense(2)]
        public partial class Digits;
        """,
        "Reshape 'Image' cannot reshape [784] from the model input (784 values) to [1, 28, 27]: 1 × 28 × 27 = 756 values; the new shape must hold the same 784");

    [Fact]
    public void PC0033_InferredDimensionDoesNotDivide() => Expect("PC0033", """
        [Model(Input = [10])]
        [[|Reshape(3, -1)|]]
        [Flatten, Dense(2)]
        public partial class Odd;
        """,
        "Reshape 'Reshape1' cannot reshape [10] from the model input (10 values) to [3, -1]: 10 values do not divide into whole rows of 3 for the −1");

    [Fact]
    public void PC0033_TwoInferredDimensions() => Expect("PC0033", """
        [Model(Input = [12])]
        [[|Reshape(-1, 2, -1)|]]
        [Flatten, Dense(2)]
        public partial class Odd;
        """,
        "Reshape 'Reshape1' cannot reshape [12] from the model input (12 values) to [-1, 2, -1]: only one dimension can be −1 (inferred); give the others");

    [Fact]
    public void PC0004_ZeroStride() => Expect("PC0004", """
        [Model(Input = [1, 8, 8])]
        [[|Conv2D(2, 3, StrideWidth = 0)|]]
        [Flatten, Dense(2)]
        public partial class Stuck;
        """,
        "StrideWidth of Conv2D 'Conv2D1' is 0; it must be at least 1");

    [Fact]
    public void PC0004_NegativeDilation() => Expect("PC0004", """
        [Model(Input = [1, 8, 8])]
        [[|Conv2D(2, 3, Dilation = -1)|]]
        [Flatten, Dense(2)]
        public partial class Stuck;
        """,
        "Dilation of Conv2D 'Conv2D1' is -1; it must be at least 1");

    [Fact]
    public void PC0004_ZeroFilters() => Expect("PC0004", """
        [Model(Input = [1, 8, 8])]
        [[|Conv2D(0, 3)|]]
        [Flatten, Dense(2)]
        public partial class Empty;
        """,
        "Filters of Conv2D 'Conv2D1' is 0; it must be at least 1");

    [Fact]
    public void PC0004_ZeroUpsamplingFactor() => Expect("PC0004", """
        [Model(Input = [1, 8, 8])]
        [[|UpSampling2D(2, 0)|]]
        [Flatten, Dense(2)]
        public partial class Flat;
        """,
        "Width of UpSampling2D 'UpSampling2D1' is 0; it must be at least 1");

    [Fact]
    public void PC0009_NegativePadding() => Expect("PC0009", """
        [Model(Input = [1, 8, 8])]
        [[|Conv2D(2, 3, Pad = 1, PadLeft = -2)|]]
        [Flatten, Dense(2)]
        public partial class Shrunk;
        """,
        "PadLeft of Conv2D 'Conv2D1' is -2; padding adds zeros and must be 0 or more");

    [Fact]
    public void PC0009_ExplicitPaddingWithSame() => Expect("PC0009", """
        [Model(Input = [1, 8, 8])]
        [[|Conv2D(2, 3, Padding = Padding.Same, Pad = 1)|]]
        [Flatten, Dense(2)]
        public partial class Both;
        """,
        "Pad of Conv2D 'Conv2D1' is 1; Padding.Same works out the padding itself; remove one of the two");

    [Fact]
    public void PC0009_HeightSettingOnAOneDimensionalLayer() => Expect("PC0009", """
        [Model(Input = [4, 20])]
        [[|Conv1D(2, 3, PadTop = 1)|]]
        [Flatten, Dense(2)]
        public partial class Text;
        """,
        "PadTop of Conv1D 'Conv1D1' is 1; a 1-D layer slides along its length only; use the setting without Height, Top or Bottom");

    [Fact]
    public void PC0009_OutputPaddingNotBelowTheStride() => Expect("PC0009", """
        [Model(Input = [4, 5, 5])]
        [[|Conv2DTranspose(2, 3, Stride = 2, OutputPad = 2)|]]
        [Flatten, Dense(2)]
        public partial class Up;
        """,
        "OutputPad of Conv2DTranspose 'Conv2DTranspose1' is 2; it picks one of the heights a stride of 2 leaves open and must be at least 0 and less than the stride or the dilation (2)");

    [Fact]
    public void PC0009_PoolingPaddingAsLargeAsTheWindow() => Expect("PC0009", """
        [Model(Input = [1, 8, 8])]
        [[|MaxPool2D(2, Pad = 2)|]]
        [Flatten, Dense(2)]
        public partial class Padded;
        """,
        "Pad of MaxPool2D 'MaxPool2D1' is 2; a window of 2 rows would cover padding alone; padding must be less than the window");

    [Fact]
    public void PC0009_BatchNormMomentumAboveOne() => Expect("PC0009", """
        [Model(Input = [16])]
        [[|BatchNorm(Momentum = 1.5)|]]
        [Dense(2)]
        public partial class Normed;
        """,
        "Momentum of BatchNorm 'BatchNorm1' is 1.5; it is the weight of each batch in the running statistics and must be in [0, 1], such as 0.1 (PyTorch's default)");

    [Fact]
    public void PC0009_BatchNormEpsilonThatVanishesInFloat() => Expect("PC0009", """
        [Model(Input = [16])]
        [[|BatchNorm(Epsilon = 1e-50)|]]
        [Dense(2)]
        public partial class Normed;
        """,
        "Epsilon of BatchNorm 'BatchNorm1' is 1E-50; it keeps the square root away from 0 and must be greater than 0 and finite (as a float), such as 1e-5");

    private static void Expect(string id, string markedSource, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        int start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        int end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = Source(markedSource.Replace("[|", "").Replace("|]", ""));
        string expectedText = markedSource.Replace("[|", "").Replace("|]", "").Substring(start, end - start);

        GeneratorResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(severity, diagnostic.Severity);
        var span = diagnostic.Location.SourceSpan;
        Assert.Equal(expectedText, source.Substring(span.Start, span.Length));
        Assert.Equal("Model0.cs", diagnostic.Location.GetLineSpan().Path);
    }
}
