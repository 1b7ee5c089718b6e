using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>
/// What the fuzzer deliberately did to one class, and therefore what the generator must do with
/// it. A class can carry several flags (a static class with Dense(0) is DeclarationBroken and
/// NetworkInvalid); <see cref="ExpectedValid"/> is set exactly when no other flag is.
/// </summary>
[Flags]
internal enum Intent
{
    None = 0,

    /// <summary>Nothing is wrong: no error anywhere because of it, and the model is generated.</summary>
    ExpectedValid = 1 << 0,

    /// <summary>
    /// The declaration cannot host the generated code (not partial, static, generic, file-local,
    /// a primary constructor, a base class without a parameterless constructor, a member that
    /// clashes with a generated one): a Precast error on it, and nothing generated that breaks.
    /// </summary>
    DeclarationBroken = 1 << 1,

    /// <summary>
    /// The network is wrong (a size, an argument, a name, the loss, the input): a Precast error.
    /// The declaration is fine, so code that uses the model's public surface must still compile.
    /// </summary>
    NetworkInvalid = 1 << 2,

    /// <summary>A deliberate C# mistake in or around an attribute: the compiler reports it, Precast says nothing about the model.</summary>
    CompilerMistake = 1 << 3,

    /// <summary>Layer or loss attributes on a class without [Model]: nothing may break (a Precast diagnostic on the class is allowed).</summary>
    NoModelAttribute = 1 << 4,

    /// <summary>[Model] on two partial declarations of one class: the compiler reports CS0579; Precast may report it once, and must not crash.</summary>
    ModelTwice = 1 << 5,

    /// <summary>
    /// Something Precast may support or refuse (a record, a base class with members named like
    /// generated ones, sizes whose sum no int can hold): either generated and compiling without an
    /// error or warning, or rejected with a Precast error on the declaration.
    /// </summary>
    AcceptOrReject = 1 << 6,
}

/// <summary>What a class of the program is to the oracle.</summary>
internal enum ClassRole
{
    /// <summary>A class meant as a model (with [Model], or with layers and [Model] forgotten).</summary>
    Model,

    /// <summary>A [Block] class: nothing generated into it, nothing reported on it (problems are reported where models use it).</summary>
    Block,
}

/// <summary>A span of a user file.</summary>
internal readonly record struct FilePlace(string Path, TextSpan Span)
{
    public bool Contains(string? path, TextSpan span) => path == Path && Span.Contains(span);

    public override string ToString() => $"{Path}[{Span.Start}..{Span.End})";
}

/// <summary>
/// One class of a program as the oracle sees it: what the fuzzer intended and where in the
/// program text the class and the code that uses it are.
/// </summary>
internal sealed class ModelCase
{
    public ModelCase(string id) => Id = id;

    /// <summary>M1, M2, ... in the order the program declares them.</summary>
    public string Id { get; }

    /// <summary>The class as C# names it: <c>App.Outer.@return</c>.</summary>
    public string Display { get; set; } = "";

    /// <summary>The class's simple name without @: return.</summary>
    public string Name { get; set; } = "";

    /// <summary>For Compilation.GetTypeByMetadataName (App.Outer+return), or null when it cannot be looked up (file-local, generic).</summary>
    public string? MetadataName { get; set; }

    public Intent Intent { get; set; }

    public ClassRole Role { get; set; } = ClassRole.Model;

    /// <summary>
    /// For a class with one fault that must be reported at a particular attribute (a composition
    /// fault: the attribute where the model uses the block at fault, however deep the fault is; a
    /// model too large: its [Model]): where its Precast error must be.
    /// </summary>
    public List<FilePlace> ExpectedSites { get; } = [];

    /// <summary>The Precast IDs of which one must be reported at <see cref="ExpectedSites"/> (empty: any error).</summary>
    public List<string> ExpectedIds { get; } = [];

    /// <summary>Declarations of blocks with a deliberate compiler mistake that the class uses: the compiler's error may be there.</summary>
    public List<FilePlace> MistakePlaces { get; } = [];

    /// <summary>For a class whose network the fuzzer knows is right: the parameter tensors the shape oracle expects, in order.</summary>
    public List<TensorName>? ExpectedParameters { get; set; }

    /// <summary>For a class whose network the fuzzer knows is right: the output shape the shape oracle expects.</summary>
    public int[]? ExpectedOutput { get; set; }

    /// <summary>For a class whose network the fuzzer knows is right: the warnings it must get (PC0032), each with the attribute it must be on.</summary>
    public List<(string Id, List<FilePlace> Sites)> ExpectedWarnings { get; } = [];

    /// <summary>Every feature applied to the class, for the failure report.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The features that make the class wrong on purpose: the failure categories name them.</summary>
    public List<string> Faults { get; } = [];

    /// <summary>Each declaration of the class: from its doc comment or first attribute list to its end.</summary>
    public List<FilePlace> Declarations { get; } = [];

    /// <summary>The headers of its containing types and its base class's declaration: a diagnostic about the class may go there too.</summary>
    public List<FilePlace> Related { get; } = [];

    /// <summary>The code that uses the model.</summary>
    public List<FilePlace> Usages { get; } = [];

    /// <summary>Files that hold only this class (a syntax error in an attribute may be reported anywhere in them).</summary>
    public List<string> OwnFiles { get; } = [];

    public bool Has(Intent intent) => (Intent & intent) != 0;

    /// <summary>True when a Precast diagnostic at this place is about this class.</summary>
    public bool Owns(string? path, TextSpan span) =>
        Declarations.Any(p => p.Contains(path, span)) || Related.Any(p => p.Contains(path, span)) || OwnFiles.Contains(path ?? "");

    public override string ToString() =>
        $"{Id} {Display}: {Intent}" + (Notes.Count > 0 ? " — " + string.Join("; ", Notes) : "");
}

/// <summary>One source file of a program.</summary>
internal sealed record FuzzFile(string Path, string Text);

/// <summary>A generated C# program: its files, the options it compiles with, and the fuzzer's intent for every class.</summary>
internal sealed class FuzzProgram
{
    public FuzzProgram(int seed, int index, IReadOnlyList<FuzzFile> files, IReadOnlyList<ModelCase> models, DocumentationMode documentationMode, NullableContextOptions nullable)
    {
        Seed = seed;
        Index = index;
        Files = files;
        Models = models;
        DocumentationMode = documentationMode;
        Nullable = nullable;
    }

    public int Seed { get; }

    public int Index { get; }

    public IReadOnlyList<FuzzFile> Files { get; }

    public IReadOnlyList<ModelCase> Models { get; }

    /// <summary>Diagnose reports documentation warnings (as a project with GenerateDocumentationFile does).</summary>
    public DocumentationMode DocumentationMode { get; }

    public NullableContextOptions Nullable { get; }

    /// <summary>The value of PRECAST_FUZZ_REPLAY that regenerates this program.</summary>
    public string Replay => $"{Seed}:{Index}";
}
