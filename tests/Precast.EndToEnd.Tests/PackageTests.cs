namespace Precast.EndToEnd.Tests;

/// <summary>
/// The package as users get it: its layout, a fresh project that restores it from a local feed,
/// generates a model, trains it and predicts, the same under NativeAOT, and a shape mistake
/// reported as a compiler error by the generator inside the package.
/// </summary>
public sealed class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string XorModel = """
        using Precast;

        namespace Consumer;

        [Model(Input = [2])]
        [Dense(16, Name = "Hidden"), Tanh]
        [Dense(2, Name = "Output")]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class Xor;

        // Every convolution algorithm, pooling, BatchNorm and channel dropout, so the native
        // publish compiles the convolutional kernels too.
        [Model(Input = [2, 8, 8])]
        [Conv2D(4, 3, Pad = 1), BatchNorm, Relu, Dropout2D(0.1)]
        [Conv2D(8, 3, Stride = 2, Pad = 1), MaxPool2D(2)]
        [Conv2D(8, 1), DepthwiseConv2D(3, Padding = Padding.Same), Conv2DTranspose(4, 2, Stride = 2)]
        [GlobalAvgPool2D, Dense(2)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class TinyCnn;
        """;

    private const string XorProgram = """
        using Consumer;
        using Precast.Optimizers;

        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        int[] labels = [0, 1, 1, 0];
        var model = new Xor(maxBatch: 4, seed: 7);
        var adam = new Adam<float>(model, new() { LearningRate = 0.05 });
        float loss = 0;
        for (int step = 0; step < 300; step++)
        {
            loss = model.TrainStep(inputs, labels);
            adam.Step();
        }
        var predicted = new int[4];
        model.PredictClasses(inputs, predicted);
        Console.WriteLine($"parameters: {Xor.ParameterCount}");
        Console.WriteLine($"loss below 0.05: {loss < 0.05f}");
        Console.WriteLine($"predicted: {string.Join(",", predicted)}");

        var cnn = new TinyCnn(maxBatch: 4, seed: 3);
        var cnnAdam = new Adam<float>(cnn, new() { LearningRate = 0.01 });
        float[] images = new float[4 * TinyCnn.InputSize];
        for (int i = 0; i < images.Length; i++)
            images[i] = (i * 37 % 17) / 17f;
        float first = cnn.TrainStep(images, labels), last = first;
        cnnAdam.Step();
        for (int step = 0; step < 30; step++)
        {
            last = cnn.TrainStep(images, labels);
            cnnAdam.Step();
        }
        Console.WriteLine($"cnn loss went down: {last < first}");
        """;

    [Fact]
    public void ThePackageHoldsTheRuntimeAndTheGeneratorAsAnAnalyzer()
    {
        IReadOnlyList<string> entries = package.PackageEntries();
        Assert.Contains("lib/net10.0/Precast.dll", entries);
        Assert.Contains("lib/net10.0/Precast.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Precast.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));

        string nuspec = package.Nuspec();
        Assert.Contains("<id>Precast</id>", nuspec);
        Assert.Contains("id=\"System.Numerics.Tensors\"", nuspec);
        Assert.DoesNotContain("Precast.Generator", nuspec);
    }

    [Fact]
    public void AFreshProjectTrainsAModelFromThePackage()
    {
        string project = package.CreateConsumer("XorApp", XorModel, XorProgram);
        string output = DotNet.Run(project, "run -c Release").EnsureSuccess().Output;
        Assert.Contains("parameters: 82", output);
        Assert.Contains("loss below 0.05: True", output);
        Assert.Contains("predicted: 0,1,1,0", output);
        Assert.Contains("cnn loss went down: True", output);
    }

    [Fact]
    public void AFreshProjectPublishesWithNativeAotWithoutWarnings()
    {
        string project = package.CreateConsumer("XorAot", XorModel, XorProgram);
        string publish = Path.Combine(project, "publish");
        ProcessResult result = DotNet.Run(project, $"publish -c Release -r linux-x64 -p:PublishAot=true -o \"{publish}\"", TimeSpan.FromMinutes(10)).EnsureSuccess();
        Assert.DoesNotContain("warning", result.Output, StringComparison.OrdinalIgnoreCase);

        string executable = Path.Combine(publish, "XorAot");
        Assert.True(File.Exists(executable), $"no native executable at {executable}:\n{result.Output}");
        string output = DotNet.Execute(executable, "", project, TimeSpan.FromMinutes(1)).EnsureSuccess().Output;
        Assert.Contains("predicted: 0,1,1,0", output);
        Assert.Contains("cnn loss went down: True", output);
    }

    [Fact]
    public void AShapeMistakeIsACompilerErrorOnTheAttribute()
    {
        string project = package.CreateConsumer("ShapeError", """
            using Precast;

            namespace Consumer;

            [Model(Input = [1, 28, 28])]
            [Dense(128, Name = "Hidden"), Relu]
            [Dense(10)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Mlp;
            """, "System.Console.WriteLine(Consumer.Mlp.ParameterCount);\n");

        ProcessResult result = DotNet.Run(project, "build -c Release");
        Assert.NotEqual(0, result.ExitCode);
        // Dense works on the last axis (as nn.Linear does), so without [Flatten] the output is
        // [1, 28, 10], and the loss, which needs one vector of class scores, says so and what to do.
        Assert.Contains(
            "Model.cs(8,2): error PC0008: Loss.SoftmaxCrossEntropy needs a vector of class scores, but Dense 'Dense2' produces [1, 28, 10]; " +
            "add [Flatten] where each sample should become one vector (Dense works on the last axis and keeps the others), then a [Dense(classes)]",
            result.Output);
        // The model's public surface is still generated, so the code using it adds no errors of its own.
        Assert.DoesNotContain("error CS", result.Output);
    }
}
