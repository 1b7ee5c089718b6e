using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests;

/// <summary>
/// Models declared the many ways C# allows: keyword names, namespaces with keywords, names that
/// differ only in case, the same name in several places, nested types, documentation comments.
/// Each must generate code that compiles without a warning, in a file with a unique valid name.
/// </summary>
public sealed class DeclarationTests
{
    [Fact]
    public void KeywordNamesCaseOnlyDifferencesAndRepeatedNamesAllGenerate()
    {
        GeneratorResult result = GeneratorHarness.Run(
            """
            using Precast;

            namespace @int.App
            {
                [Model(Input = [4])] [Dense(2)] public partial class @return;
                [Model(Input = [4])] [Dense(2)] public partial class @record;
                [Model(Input = [4])] [Dense(2)] public partial class @struct;
                [Model(Input = [4])] [Dense(2)] public partial class Model;
                [Model(Input = [4])] [Dense(2)] public partial class MODEL;

                public partial class Outer
                {
                    [Model(Input = [4])] [Dense(2)] public partial class Model;
                }

                public partial class @class
                {
                    [Model(Input = [4])] [Dense(2)] public partial class @var;
                }
            }

            namespace Other
            {
                [Model(Input = [4])] [Dense(2)] public partial class Model;
                [Model(Input = [4])] [Dense(2, Name = "Named")] public partial class @true;
            }

            [Model(Input = [4])] [Dense(2)] public partial class Model;
            """,
            """
            namespace @int.App;

            public static class Usage
            {
                public static int Sizes() =>
                    new @return(1).Parameters.Length + new @record(1).Parameters.Length + new @struct(1).Parameters.Length
                    + new Model(1).Parameters.Length + new MODEL(1).Parameters.Length + new Outer.Model(1).Parameters.Length
                    + new @class.@var(1).Parameters.Length + new Other.Model(1).Parameters.Length
                    + new Other.@true(1).NamedWeight.Length + new global::Model(1).Parameters.Length;
            }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Equal(10, result.Sources.Count);
        Assert.Equal(10, result.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(result.Sources, s => Assert.Matches("^[A-Za-z0-9_.]+$", s.HintName));
    }

    [Fact]
    public void AFileLocalBlockIsTheOneItsFileMeansNotThePublicOneOfTheSameName()
    {
        // Both blocks are App.F to the compiler's display; inside B.cs, F is the file-local one.
        GeneratorResult result = GeneratorHarness.Run(
            """
            using Precast;

            namespace App;

            [Block] [Dense(3)] public sealed class F;
            [Block] [Residual(typeof(F), Projection = typeof(F))] public sealed class G;

            [Model(Input = [4])] [Concat(typeof(G), typeof(F))] public partial class Public;
            """,
            """
            using Precast;

            namespace App;

            [Block] [Dense(5)] file sealed class F;

            [Model(Input = [4])] [Concat(typeof(G), typeof(F))] public partial class Mixed;
            """,
            """
            using Precast;

            namespace App;

            file static class Holder
            {
                [Block] [Dense(6)] public sealed class Inner;
            }

            [Block] [Dense(7)] file sealed class F;

            [Model(Input = [4])] [Concat(typeof(F), typeof(Holder.Inner))] public partial class Other;
            """,
            """
            using Precast;

            namespace App;

            public static class Holder
            {
                [Block] [Dense(8)] public sealed class Inner;
            }

            [Model(Input = [4])] [Concat(typeof(Holder.Inner), typeof(Holder.Inner))] public partial class Outside;
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string Source(string model) => result.Sources.Single(s => s.HintName.Contains(model, StringComparison.Ordinal)).Text;
        Assert.Contains("new(\"Concat1.0.Residual1.Dense1.weight\", [3, 4]", Source("Public"));
        Assert.Contains("new(\"Concat1.1.Dense1.weight\", [3, 4]", Source("Public"));
        Assert.Contains("new(\"Concat1.0.Residual1.Dense1.weight\", [3, 4]", Source("Mixed"));
        Assert.Contains("new(\"Concat1.1.Dense1.weight\", [5, 4]", Source("Mixed"));
        Assert.Contains("new(\"Concat1.0.Dense1.weight\", [7, 4]", Source("Other"));
        Assert.Contains("new(\"Concat1.1.Dense1.weight\", [6, 4]", Source("Other"));
        Assert.Contains("new(\"Concat1.0.Dense1.weight\", [8, 4]", Source("Outside"));
    }

    [Fact]
    public void TheLayerTableSurvivesTheUsersOwnSummaryInTheCompiledDocumentation()
    {
        XElement member = CompiledDocumentation("""
            using Precast;

            namespace App;

            /// <summary>Sorts support tickets into five queues.</summary>
            [Model(Input = [16])]
            [Dense(8, Name = "Hidden"), Relu]
            [Dense(5)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class TicketRouter;
            """, "T:App.TicketRouter");

        XElement summary = Assert.Single(member.Elements("summary"));
        Assert.Equal("Sorts support tickets into five queues.", summary.Value.Trim());
        XElement remarks = Assert.Single(member.Elements("remarks"));
        Assert.Matches(@"Hidden\s+Dense\s+\[8\]", remarks.Value);
        Assert.Contains("Total: 181 parameters", remarks.Value);
    }

    [Fact]
    public void WithoutAUserSummaryTheGeneratedOneDescribesTheModel()
    {
        XElement member = CompiledDocumentation("""
            using Precast;

            namespace App;

            [Model(Input = [16])]
            [Dense(5)]
            public partial class Plain;
            """, "T:App.Plain");

        Assert.Equal("Precast model: [16] → [5], 85 parameters.", Assert.Single(member.Elements("summary")).Value.Trim());
        Assert.Contains("Dense1", Assert.Single(member.Elements("remarks")).Value);
    }

    [Fact]
    public void DocumentationReferencesStayUnambiguousBesideTheUsersOverloads()
    {
        // A cref to "Forward" would be ambiguous (CS0419) once the user adds Forward(int).
        XElement member = CompiledDocumentation("""
            using Precast;

            namespace App;

            /// <summary>Scores.</summary>
            [Model(Input = [16])]
            [Dense(5)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Overloaded
            {
                /// <summary>Runs the first <paramref name="samples"/> samples of a fixed batch.</summary>
                /// <param name="samples">How many.</param>
                public void Forward(int samples) { }

                /// <summary>Computes the loss of one label.</summary>
                /// <param name="label">The label.</param>
                public float ComputeLoss(int label) => ComputeLoss(new[] { label });
            }
            """, "T:App.Overloaded");
        Assert.Single(member.Elements("summary"));
    }

    [Fact]
    public void UserRemarksAreLeftAloneAndTheTableStaysInSummary()
    {
        XElement member = CompiledDocumentation("""
            using Precast;

            namespace App;

            /// <summary>Scores.</summary>
            /// <remarks>Trained nightly.</remarks>
            [Model(Input = [16])]
            [Dense(5)]
            public partial class Nightly;
            """, "T:App.Nightly");

        Assert.Single(member.Elements("summary"));
        Assert.Equal("Trained nightly.", Assert.Single(member.Elements("remarks")).Value.Trim());
    }

    /// <summary>Compiles with documentation comments on, as a project with GenerateDocumentationFile does, and returns one member's XML.</summary>
    private static XElement CompiledDocumentation(string source, string memberId)
    {
        var parseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        CSharpCompilation compilation = GeneratorHarness.Compile(source)
            .RemoveAllSyntaxTrees()
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, parseOptions, path: "Model0.cs"));
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        using var assembly = new MemoryStream();
        using var documentation = new MemoryStream();
        var emitted = output.Emit(assembly, xmlDocumentationStream: documentation);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591");

        XDocument xml = XDocument.Parse(Encoding.UTF8.GetString(documentation.ToArray()));
        return xml.Descendants("member").Single(m => (string?)m.Attribute("name") == memberId);
    }
}
