using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Precast.Benchmarks;
using Precast.Generator.Tests.Infrastructure;
using Precast.Kernels;

namespace Precast.Generator.Tests;

/// <summary>
/// The benchmarks' <c>compare</c> command times every convolution of the sample's networks with the
/// algorithm the generated model runs and the others, and marks the model's from a list written by
/// hand: <see cref="NetworkConvolutions"/> (benchmarks/Precast.Benchmarks, compiled into this
/// project too). Rather than keep a second copy of the generator's selection rule there, this runs
/// the generator on the sample's own model files and checks the list against the code it emits:
/// each convolution's name, geometry, bias and the kernel class its forward call names, in the
/// forward pass's order, and whether the backward pass calls its BackwardData. On a difference it
/// prints the list as it should read.
/// </summary>
public sealed class BenchmarkConvolutionsTests
{
    // A geometry field, under the comment that names its layer:
    //   // Conv2D 'Block1.Conv2D1': [16, 28, 28] → [16, 28, 28], 3×3 kernel, padding 1 top, 1 left
    //   private static readonly global::Precast.Kernels.Conv2DGeometry s_block1_Conv2D1Geometry = new(
    //       InChannels: 16, InHeight: 28, ..., Groups: 1);
    private static readonly Regex GeometryField = new(
        @"// \w+ '(?<name>[^']+)':[^\n]*\n\s*private static readonly global::Precast\.Kernels\.Conv2DGeometry (?<field>\w+) = new\((?<arguments>[^;]*)\);");

    // A convolution in the forward pass: Precast.Kernels.{kernel}Convolution.Forward<float>(x, weight, bias or default, y, [columns, ]geometry, batch);
    private static readonly Regex ForwardCall = new(@"global::Precast\.Kernels\.(?<kernel>\w+)Convolution\.Forward<float>\((?<arguments>[^;]*)\);");

    // The input gradient in the backward pass: Precast.Kernels.{kernel}Convolution.BackwardData<float>(dy, weight, dx, [columns, ]geometry, batch, accumulate: ...);
    private static readonly Regex BackwardDataCall = new(@"Convolution\.BackwardData<float>\([^;]*?(?<field>s_\w+Geometry), batch");

    [Fact]
    public void LeNetsListIsWhatTheGeneratedModelRuns() => AssertListed("LeNet", NetworkConvolutions.LeNet);

    [Fact]
    public void ResNetsListIsWhatTheGeneratedModelRuns() => AssertListed("ResNet", NetworkConvolutions.ResNet);

    [Fact]
    public void InceptionsListIsWhatTheGeneratedModelRuns() => AssertListed("Inception", NetworkConvolutions.Inception);

    private static void AssertListed(string model, IReadOnlyList<ConvolutionLayer> listed, [CallerFilePath] string thisFile = "")
    {
        string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "samples", "FashionMnist", model + ".cs"));
        GeneratorResult result = GeneratorHarness.Run(File.ReadAllText(path));
        Assert.Empty(result.GeneratorDiagnostics);
        string source = result.Sources.Single(s => s.HintName.EndsWith($".{model}.g.cs", StringComparison.Ordinal)).Text;
        List<ConvolutionLayer> emitted = Emitted(source);
        Assert.True(emitted.SequenceEqual(listed),
            $"NetworkConvolutions.{model} is not what the generated {model} runs; it should read:\n{string.Join("\n", emitted.Select(Source))}");
    }

    /// <summary>The convolutions the forward pass calls, in order, with the name and geometry of the field each call passes, and whether the backward pass computes their input gradient.</summary>
    private static List<ConvolutionLayer> Emitted(string source)
    {
        Dictionary<string, (string Name, Conv2DGeometry Geometry)> fields = GeometryField.Matches(source).ToDictionary(
            match => match.Groups["field"].Value, match => (match.Groups["name"].Value, Geometry(match.Groups["arguments"].Value)));
        int backward = source.IndexOf("RunBackward(", StringComparison.Ordinal);
        string forward = source[source.IndexOf("RunForward(", StringComparison.Ordinal)..backward];
        HashSet<string> inputGradients = [.. BackwardDataCall.Matches(source[backward..]).Select(match => match.Groups["field"].Value)];
        var layers = new List<ConvolutionLayer>();
        foreach (Match call in ForwardCall.Matches(forward))
        {
            string kernel = call.Groups["kernel"].Value;
            Assert.True(Enum.TryParse(kernel, out ConvolutionKernel parsed), $"The forward pass calls {kernel}Convolution, which ConvolutionKernel does not name.");
            string[] arguments = call.Groups["arguments"].Value.Split(", ");
            (string name, Conv2DGeometry geometry) = fields[arguments[^2]];
            layers.Add(new ConvolutionLayer(name, geometry, HasBias: arguments[2] != "default", parsed, inputGradients.Contains(arguments[^2])));
        }
        return layers;
    }

    /// <summary>The geometry the emitted <c>new(InChannels: 16, ..., Groups: 1)</c> builds, through the same constructor.</summary>
    private static Conv2DGeometry Geometry(string arguments)
    {
        Dictionary<string, int> values = arguments.Split(',').Select(argument => argument.Split(':')).ToDictionary(
            pair => pair[0].Trim(), pair => int.Parse(pair[1], CultureInfo.InvariantCulture));
        ConstructorInfo constructor = typeof(Conv2DGeometry).GetConstructors().Single(c => c.GetParameters().Length == values.Count);
        return (Conv2DGeometry)constructor.Invoke([.. constructor.GetParameters().Select(parameter => (object)values[parameter.Name!])]);
    }

    /// <summary>The layer as a line of <see cref="NetworkConvolutions"/>.</summary>
    private static string Source(ConvolutionLayer layer)
    {
        Conv2DGeometry g = layer.Geometry;
        var arguments = new List<string> { N(g.InChannels), N(g.InHeight), N(g.InWidth), N(g.OutChannels), N(g.KernelHeight), N(g.KernelWidth) };
        void Optional(string name, int value, int otherwise)
        {
            if (value != otherwise)
                arguments.Add($"{name}: {N(value)}");
        }
        Optional("strideHeight", g.StrideHeight, 1);
        Optional("strideWidth", g.StrideWidth, 1);
        Optional("padTop", g.PadTop, 0);
        Optional("padBottom", g.PadBottom, 0);
        Optional("padLeft", g.PadLeft, 0);
        Optional("padRight", g.PadRight, 0);
        Optional("dilationHeight", g.DilationHeight, 1);
        Optional("dilationWidth", g.DilationWidth, 1);
        Optional("groups", g.Groups, 1);
        return $"        new(\"{layer.Name}\", Conv2DGeometry.Create({string.Join(", ", arguments)}), HasBias: {(layer.HasBias ? "true" : "false")}, {layer.Kernel}{(layer.InputGradient ? "" : ", InputGradient: false")}),";
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
