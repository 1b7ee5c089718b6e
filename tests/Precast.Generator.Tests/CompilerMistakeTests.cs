using Microsoft.CodeAnalysis;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// When the compiler cannot bind something Precast reads (a missing or ill-typed attribute argument,
/// a misspelt [Block] or [Model]), its error is the only message: Precast adds nothing, neither the
/// generator (which would reason about arguments the user did not mean) nor the analyzer, and code
/// using the model sees nothing more than the compiler's error.
/// </summary>
public sealed class CompilerMistakeTests
{
    private const string Pair = "[Block] [Dense(4)] public sealed class Pair;\n";

    /// <summary>Attributes whose arguments do not bind: missing, of the wrong type, repeated.</summary>
    public static TheoryData<string> UnboundAttributes => new()
    {
        "Repeat(typeof(Pair))",
        "Repeat(typeof(Pair), 2.5)",
        "Repeat(typeof(Pair), \"2\")",
        "Repeat(typeof(Pair), count: 2, count: 3)",
        "Repeat(2, typeof(Pair))",
        "Residual",
        "Residual()",
        "Residual(3)",
        "Residual(typeof(Pair), Projection = 3)",
        "Residual(typeof(Pair), Projetcion = typeof(Pair))",
        "Residual(blcok: typeof(Pair))",
        "Repeat(typeof(Pair), cuont: 2)",
        "Sum(typeof(Pair), typeof(Pair), Nmaes = new[] { \"a\", \"b\" })",
        "Scale",
        "Scale(typeof(Pair), typeof(Pair))",
        "Highway",
        "Highway(typeof(Pair))",
        "Sum(typeof(Pair), 2)",
        "Concat(typeof(Pair), typeof(Pair), Names = \"Left\")",
        "Concat(typeof(Pair), typeof(Pair), Names = [1, 2])",
        "Dense",
        "Dense()",
        "Dense(2.5)",
        "Dense(new[] { 2 })",
        "Dense(2, Initializer = 3)",
        "Dropout",
        "Dropout(\"half\")",
        "LeakyRelu(0.1)",
        "Relu(Name = 3)",
        "Flatten(1)",
        "Loss",
        "Loss(\"MeanSquaredError\")",
    };

    [Theory]
    [MemberData(nameof(UnboundAttributes))]
    public void AModelAttributeThatDoesNotBindIsLeftToTheCompiler(string attribute) => ExpectOnlyCompilerErrors(Pair + $$"""
        [Model(Input = [4])]
        [{{attribute}}]
        [Dense(2)]
        public partial class Tower;

        public static class Usage
        {
            public static int Size() => new Tower(1).Parameters.Length;
        }
        """);

    [Theory]
    [MemberData(nameof(UnboundAttributes))]
    public void ABlockAttributeThatDoesNotBindIsLeftToTheCompiler(string attribute) => ExpectOnlyCompilerErrors(Pair + $$"""
        [Block]
        [{{attribute}}]
        public sealed class Broken;

        [Model(Input = [4])]
        [Residual(typeof(Broken))]
        [Dense(2)]
        public partial class Tower;

        public static class Usage
        {
            public static int Size() => new Tower(1).Parameters.Length;
        }
        """);

    private const string UsesTower = """

        public static class Usage
        {
            public static int Size() => new Tower(1).Parameters.Length;
        }
        """;

    /// <summary>
    /// Classes with an attribute that does not resolve, which may be the [Block] or [Model] the user
    /// meant: used by a model, used two blocks down, used by nothing, and a misspelt [Model].
    /// </summary>
    public static TheoryData<string> UnresolvedAttributes => new()
    {
        """
        [Blcok]
        [Dense(4)]
        public sealed class Pair;

        [Model(Input = [4])]
        [Residual(typeof(Pair))]
        [Dense(2)]
        public partial class Tower;
        """ + UsesTower,
        // No PC0019 on Outer's [Residual] nor on Tower's [Sum]: the model waits for the compiler.
        """
        [Blok]
        [Dense(4)]
        public sealed class Pair;

        [Block]
        [Dense(4)]
        [Residual(typeof(Pair))]
        public sealed class Outer;

        [Model(Input = [4])]
        [Sum(typeof(Outer), typeof(Outer))]
        [Dense(2)]
        public partial class Tower;
        """ + UsesTower,
        // No PC0018 from the analyzer.
        """
        [Blok]
        [Dense(4), Relu]
        public sealed class Unused;
        """,
        """
        [Mdoel(Input = [4])]
        [Dense(2)]
        public partial class Typo;
        """,
    };

    [Theory]
    [MemberData(nameof(UnresolvedAttributes))]
    public void AnAttributeThatDoesNotResolveIsLeftToTheCompiler(string source)
    {
        GeneratorResult result = ExpectOnlyCompilerErrors(source);
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS0246");
    }

    private static GeneratorResult ExpectOnlyCompilerErrors(string body)
    {
        GeneratorResult result = GeneratorHarness.Run("using Precast;\n\n" + body);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        // Everything reported is the compiler's, in the user's declarations: none in generated code,
        // none in the code using the model. (Names = [1, 2] also gets the compiler's CS8619 warnings.)
        Assert.All(result.CompilationDiagnostics, d =>
        {
            Assert.StartsWith("CS", d.Id);
            Assert.Equal("Model0.cs", d.Location.GetLineSpan().Path);
            Assert.DoesNotContain("new Tower", d.Location.SourceTree!.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString());
        });
        return result;
    }
}
