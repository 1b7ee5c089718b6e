using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Precast.Generator.Tests.Infrastructure;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>One broken rule: a category (what the report counts) and the details of this occurrence.</summary>
internal sealed record Finding(string Category, string Detail);

/// <summary>
/// Decides whether the generator did the right thing with a program, from the fuzzer's intent
/// for each class. The rules, in the order they are checked:
/// <list type="number">
/// <item>The generator does not throw (no exception, no CS8784/CS8785) and reports no PC0013.
/// When it throws, nothing else is checked: every later finding would be a consequence.</item>
/// <item>No compiler error or warning is located in a generated file (users build with warnings
/// as errors; CS8860/CS8981, about a lower-case type name the user chose, are the user's).</item>
/// <item>Every Precast diagnostic (the generator's and the PC0018 analyzer's) is in one of the
/// user's syntax trees (an external-file location cannot be silenced with #pragma), inside the
/// declaration of a class the fuzzer wrote (its attribute lists, header, members, or the header
/// of a containing type or its base class), is reported once, and a PC0005 count really is over
/// the limit.</item>
/// <item>Per class: ExpectedValid gets no Precast error and is generated; DeclarationBroken and
/// NetworkInvalid get at least one Precast error (and, for a single fault, errors of one ID
/// only: one mistake, one message); CompilerMistake gets a compiler error (in its declaration or
/// in a block it uses) and no Precast diagnostic at all; AcceptOrReject is either rejected with a
/// Precast error or generated (and then rules 2 and 5 make it compile cleanly); a class with layers
/// but neither [Model] nor [Block] gets exactly one PC0018 and nothing else, and no other class
/// gets PC0018. A model with one composition fault gets its error on its own attribute that uses
/// the block at fault, however deep inside nested blocks the fault is (PC0025: on [Model]). A
/// generated model without errors has the parameter tensors (checkpoint names, shapes, order) and
/// output shape that the fuzzer's <see cref="ShapeOracle"/> computes. A [Block] class gets no
/// Precast diagnostic on its own declaration, whatever is wrong with it, and no generated code.</item>
/// <item>Every compiler error in the user's files is explained: it is in the declaration or
/// usage of a class with a deliberate compiler mistake ([Model] twice included). In particular
/// the usage of a model whose network has a Precast error must compile: after a Precast error
/// the generator is expected to emit the model's public surface with throwing bodies, so that
/// Precast's message is the only one the user sees.</item>
/// </list>
/// A class whose own generated file has errors is reported by rule 2 (and rule 4 when it should
/// have been rejected): errors in its user code and its absence from the compilation are
/// consequences and are not reported again. A generated file that does not parse can break any
/// code, so then rule 5 is skipped for the whole program.
/// </summary>
internal static class Oracle
{
    /// <summary>Warnings about the name the user gave a type, which the compiler may report on the generated declaration.</summary>
    private static readonly HashSet<string> s_typeNameWarnings = ["CS8860", "CS8981"];

    private const long MaxArrayLength = 2_147_483_591;

    public static List<Finding> Check(FuzzProgram program, ProgramRun run)
    {
        var findings = new List<Finding>();
        if (run.Result.Exception is { } exception)
        {
            findings.Add(new($"generator threw {exception.GetType().Name}: {Normalize(exception.Message)}", exception.Message));
            return findings;
        }
        foreach (Diagnostic failed in run.DriverDiagnostics.Concat(run.PrecastDiagnostics).Where(d => d.Id is "CS8784" or "CS8785").Distinct())
            findings.Add(new($"{failed.Id}: generator failed", failed.ToString()));

        var userTrees = run.UserTrees.ToHashSet();
        var precast = run.PrecastDiagnostics.Where(d => d.Id.StartsWith("PC", StringComparison.Ordinal)).ToList();

        CheckGeneratedCode(run, userTrees, findings);
        CheckPrecastDiagnostics(program, precast, userTrees, findings);
        HashSet<ModelCase> brokenOutput = BrokenOutput(program, run, userTrees);
        // A generated file that does not even parse can spill top-level statements and types into everything.
        bool unparsable = run.Output.SyntaxTrees.Any(t => !userTrees.Contains(t) && t.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
        foreach (ModelCase model in program.Models)
            CheckModel(program, run, model, precast, userTrees, unparsable || brokenOutput.Contains(model), findings);
        if (!unparsable)
            CheckUserErrors(program, run, userTrees, brokenOutput, findings);
        return findings;
    }

    /// <summary>One finding per generated file, named after its first error (the cause; the rest usually follow from it), else its first warning.</summary>
    private static void CheckGeneratedCode(ProgramRun run, HashSet<SyntaxTree> userTrees, List<Finding> findings)
    {
        var perFile = run.CompilerDiagnostics
            .Where(d => d.Location.IsInSource && !userTrees.Contains(d.Location.SourceTree!) && !s_typeNameWarnings.Contains(d.Id))
            .GroupBy(d => d.Location.SourceTree!.FilePath);
        foreach (var file in perFile)
        {
            var errors = file.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var reported = errors.Count > 0 ? errors : file.ToList();
            Diagnostic first = reported[0];
            string kind = errors.Count > 0 ? "error" : "warning";
            findings.Add(new(
                $"compiler {kind} in generated code: {first.Id} {Normalize(first.GetMessage(CultureInfo.InvariantCulture))}",
                $"{reported.Count} {kind}(s) in {Path.GetFileName(file.Key)}:\n" + string.Join("\n", reported.Take(5).Select(Describe))));
        }
    }

    /// <summary>The classes whose generated file has a compiler error (the file's name holds the class's name, as hint names do).</summary>
    private static HashSet<ModelCase> BrokenOutput(FuzzProgram program, ProgramRun run, HashSet<SyntaxTree> userTrees)
    {
        var brokenFiles = run.CompilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !userTrees.Contains(tree))
            .Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath).Split('.'))
            .ToList();
        return program.Models.Where(m => brokenFiles.Any(segments => segments.Contains(m.Name, StringComparer.Ordinal)))
            .ToHashSet();
    }

    private static void CheckPrecastDiagnostics(FuzzProgram program, List<Diagnostic> precast, HashSet<SyntaxTree> userTrees, List<Finding> findings)
    {
        foreach (Diagnostic d in precast)
        {
            if (d.Id == "PC0013")
                findings.Add(new($"PC0013 internal error: {Normalize(d.GetMessage(CultureInfo.InvariantCulture))}", Describe(d)));
            if (d.Location.Kind == LocationKind.None)
            {
                findings.Add(new($"{d.Id} has no location", Describe(d)));
                continue;
            }
            if (d.Location.SourceTree is null || !userTrees.Contains(d.Location.SourceTree))
                findings.Add(new($"Precast diagnostic not in a user syntax tree (location kind {d.Location.Kind}: #pragma cannot silence it)", Describe(d)));
            if (OwnerOf(program, d) is null)
                findings.Add(new($"{d.Id} outside the declaration at fault", Describe(d)));
            if (d.Id == "PC0005" && Regex.Match(d.GetMessage(CultureInfo.InvariantCulture), @"has (-?[\d,]+) values") is { Success: true } count
                && System.Numerics.BigInteger.Parse(count.Groups[1].Value, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) <= MaxArrayLength)
            {
                findings.Add(new("PC0005 states a count that is not over the limit", Describe(d)));
            }
        }
        foreach (var group in precast.GroupBy(d => (d.Id, Path: d.Location.GetLineSpan().Path, d.Location.SourceSpan, Message: d.GetMessage(CultureInfo.InvariantCulture))).Where(g => g.Count() > 1))
            findings.Add(new($"{group.Key.Id} reported {(group.Count() == 2 ? "twice" : group.Count() + " times")}", Describe(group.First())));
    }

    private static void CheckModel(FuzzProgram program, ProgramRun run, ModelCase model, List<Diagnostic> precast, HashSet<SyntaxTree> userTrees, bool brokenOutput, List<Finding> findings)
    {
        var own = precast.Where(d => OwnerOf(program, d) == model).ToList();
        var ownErrors = own.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        string faults = model.Faults.Count > 0 ? string.Join(" + ", model.Faults) : "nothing";
        if (model.Role == ClassRole.Block)
        {
            CheckBlock(run, model, own, userTrees, faults, findings);
            return;
        }

        if (model.Intent == Intent.ExpectedValid)
        {
            foreach (Diagnostic error in ownErrors)
                findings.Add(new($"valid model rejected with {error.Id}", $"{model}\n    {Describe(error)}"));
            if (ownErrors.Count == 0 && !brokenOutput && !IsGenerated(run, model, userTrees))
                findings.Add(new("valid model not generated", model.ToString()));
        }
        if (model.Has(Intent.DeclarationBroken | Intent.NetworkInvalid) && ownErrors.Count == 0)
            findings.Add(new($"no Precast error for {faults}", model.ToString()));
        // One mistake, one message: a second error about the same fault only repeats it in other words.
        if (model.Has(Intent.DeclarationBroken | Intent.NetworkInvalid) && model.Faults.Count == 1 && ownErrors.Select(d => d.Id).Distinct().Count() > 1)
        {
            findings.Add(new(
                $"{string.Join(" + ", ownErrors.Select(d => d.Id).Distinct().Order())} for one fault: {faults}",
                model + "\n" + string.Join("\n", ownErrors.Select(Describe))));
        }
        // A problem inside a block (or a model too large) is reported where the user can fix it: on the
        // model's attribute that uses the block, however deep the fault is (or on [Model]).
        // The fault's own ID, when the fuzzer knows it: PC0019 for a type that is not a block, and so on.
        if (model.ExpectedSites.Count > 0 && model.Faults.Count == 1 && ownErrors.Count > 0
            && !ownErrors.Any(d => model.ExpectedSites.Any(p => p.Contains(d.Location.GetLineSpan().Path, d.Location.SourceSpan))
                && (model.ExpectedIds.Count == 0 || model.ExpectedIds.Contains(d.Id))))
        {
            bool placed = ownErrors.Any(d => model.ExpectedSites.Any(p => p.Contains(d.Location.GetLineSpan().Path, d.Location.SourceSpan)));
            string ids = string.Join(" + ", ownErrors.Select(d => d.Id).Distinct().Order());
            findings.Add(new(
                placed ? $"{ids} for {faults}, which is {string.Join(" or ", model.ExpectedIds)}" : $"{ids} for {faults} not on the model's attribute that uses the block",
                model + "\n    expected " + (model.ExpectedIds.Count > 0 ? string.Join(" or ", model.ExpectedIds) + " " : "") + "in " + string.Join(", ", model.ExpectedSites)
                + "\n" + string.Join("\n", ownErrors.Select(Describe))));
        }
        if (model.Has(Intent.NoModelAttribute))
        {
            int reported = own.Count(d => d.Id == "PC0018");
            if (reported != 1)
                findings.Add(new($"PC0018 reported {reported} times on a class with layers but neither [Model] nor [Block]", model.ToString()));
            foreach (Diagnostic d in own.Where(d => d.Id != "PC0018"))
                findings.Add(new($"{d.Id} on a class without [Model] or [Block]", $"{model}\n    {Describe(d)}"));
        }
        else if (!model.Has(Intent.CompilerMistake))
        {
            foreach (Diagnostic d in own.Where(d => d.Id == "PC0018"))
                findings.Add(new("PC0018 on a class with [Model]", $"{model}\n    {Describe(d)}"));
        }
        if (ownErrors.Count == 0 && !brokenOutput && !model.Has(Intent.CompilerMistake | Intent.NoModelAttribute | Intent.ModelTwice) && model.ExpectedParameters is not null)
        {
            CheckTensors(run, model, userTrees, findings);
            CheckWindowWarnings(model, own, findings);
        }
        if (model.Has(Intent.CompilerMistake))
        {
            bool compilerError = run.CompilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error
                && d.Location.SourceTree is { } tree && userTrees.Contains(tree)
                && (model.Declarations.Concat(model.MistakePlaces).Any(p => p.Contains(tree.FilePath, d.Location.SourceSpan)) || model.OwnFiles.Contains(tree.FilePath)));
            if (!compilerError)
                findings.Add(new($"no compiler error for {faults}", model.ToString()));
            foreach (Diagnostic d in own)
                findings.Add(new($"{d.Id} on top of a compiler mistake ({faults})", $"{model}\n    {Describe(d)}"));
        }
        if (model.Has(Intent.AcceptOrReject) && !model.Has(Intent.DeclarationBroken | Intent.NetworkInvalid | Intent.CompilerMistake)
            && ownErrors.Count == 0 && !brokenOutput && model.MetadataName is not null && !IsGenerated(run, model, userTrees))
        {
            findings.Add(new($"neither generated nor rejected: {faults}", model.ToString()));
        }
    }

    /// <summary>
    /// A [Block] class: nothing is generated into it and nothing is reported on it, whatever is wrong
    /// with it (the model that uses it gets the error, on its own attribute); a compiler mistake in it
    /// is reported by the compiler.
    /// </summary>
    private static void CheckBlock(ProgramRun run, ModelCase block, List<Diagnostic> own, HashSet<SyntaxTree> userTrees, string faults, List<Finding> findings)
    {
        foreach (Diagnostic d in own)
            findings.Add(new($"{d.Id} on a [Block] class's own declaration ({(block.Faults.Count > 0 ? faults : "a valid block")})", $"{block}\n    {Describe(d)}"));
        if (block.MetadataName is { } name && run.Output.GetTypeByMetadataName(name) is { } type && type.DeclaringSyntaxReferences.Any(r => !userTrees.Contains(r.SyntaxTree)))
            findings.Add(new("code generated into a [Block] class", block.ToString()));
        if (block.Has(Intent.CompilerMistake) && !run.CompilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error
            && d.Location.SourceTree is { } tree && userTrees.Contains(tree) && block.Declarations.Any(p => p.Contains(tree.FilePath, d.Location.SourceSpan))))
        {
            findings.Add(new($"no compiler error for {faults}", block.ToString()));
        }
    }

    private static readonly Regex s_parameterTensors = new(@"s_parameterTensors\s*=\s*\[(.*?)\];", RegexOptions.Singleline);
    private static readonly Regex s_tensorEntry = new(@"new\(""((?:[^""\\]|\\.)*)"", \[([^\]]*)\], \d+\)");
    private static readonly Regex s_outputShape = new(@"s_outputShape\s*=\s*\[([^\]]*)\];");

    /// <summary>
    /// A generated model's parameter tensors (names and shapes, in order) and output shape are what
    /// the fuzzer's own shape oracle says: Dense on the last axis, Concat on the first, the names
    /// of layers inside blocks (Stage.0.Dense1.weight), as checkpoints and PyTorch see them.
    /// </summary>
    private static void CheckTensors(ProgramRun run, ModelCase model, HashSet<SyntaxTree> userTrees, List<Finding> findings)
    {
        if (model.MetadataName is not { } name || run.Output.GetTypeByMetadataName(name) is not { } type)
            return;
        SyntaxTree? generated = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).FirstOrDefault(t => !userTrees.Contains(t));
        if (generated is null)
            return;
        string text = generated.ToString();
        if (s_parameterTensors.Match(text) is not { Success: true } list || s_outputShape.Match(text) is not { Success: true } output)
        {
            findings.Add(new("generated model without s_parameterTensors or s_outputShape", model.ToString()));
            return;
        }
        var actual = s_tensorEntry.Matches(list.Groups[1].Value).Select(m => $"{m.Groups[1].Value} [{m.Groups[2].Value}]").ToList();
        var expected = model.ExpectedParameters!.Select(t => t.ToString()).ToList();
        if (!actual.SequenceEqual(expected))
        {
            int first = Enumerable.Range(0, Math.Max(actual.Count, expected.Count)).First(i => i >= actual.Count || i >= expected.Count || actual[i] != expected[i]);
            findings.Add(new(
                "parameter tensors differ from the shape oracle's",
                $"{model}\n    first difference at #{first}: generated {(first < actual.Count ? actual[first] : "nothing")}, expected {(first < expected.Count ? expected[first] : "nothing")}"
                + $"\n    generated: {string.Join("; ", actual.Take(12))}\n    expected:  {string.Join("; ", expected.Take(12))}"));
        }
        string outputShape = "[" + output.Groups[1].Value + "]";
        if (model.ExpectedOutput is { } shape && outputShape != ShapeOracle.Show(shape))
            findings.Add(new("output shape differs from the shape oracle's", $"{model}\n    generated {outputShape}, expected {ShapeOracle.Show(shape)}"));
    }

    /// <summary>
    /// PC0032 (windows that never read the last rows of the input) exactly where the shape oracle
    /// says the windows skip some, as many times, and nowhere else.
    /// </summary>
    private static void CheckWindowWarnings(ModelCase model, List<Diagnostic> own, List<Finding> findings)
    {
        var actual = own.Where(d => d.Id == "PC0032").ToList();
        foreach (var expected in model.ExpectedWarnings.GroupBy(w => w.Sites))
        {
            int there = actual.Count(d => expected.First().Sites.Any(p => p.Contains(d.Location.GetLineSpan().Path, d.Location.SourceSpan)));
            if (there != expected.Count())
                findings.Add(new($"PC0032 reported {there} times on a layer whose windows skip input {expected.Count()} times", model.ToString() + "\n" + string.Join("\n", actual.Select(Describe))));
        }
        if (actual.Count > model.ExpectedWarnings.Count)
            findings.Add(new("PC0032 on a layer whose windows read all of the input", model + "\n" + string.Join("\n", actual.Select(Describe))));
    }

    /// <summary>One finding per class (or for code outside every class) whose code has unexplained errors, named after the first.</summary>
    private static void CheckUserErrors(FuzzProgram program, ProgramRun run, HashSet<SyntaxTree> userTrees, HashSet<ModelCase> brokenOutput, List<Finding> findings)
    {
        var unexplained = new List<(string Where, ModelCase? Owner, Diagnostic Error)>();
        foreach (Diagnostic d in run.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            if (d.Location.SourceTree is not { } tree || !userTrees.Contains(tree))
                continue;
            string path = tree.FilePath;
            TextSpan span = d.Location.SourceSpan;
            ModelCase? declaredIn = program.Models.Where(m => m.Declarations.Any(p => p.Contains(path, span)) || m.OwnFiles.Contains(path)).MinBy(m => Smallest(m.Declarations, path, span));
            ModelCase? usedIn = program.Models.FirstOrDefault(m => m.Usages.Any(p => p.Contains(path, span)));
            ModelCase? relatedTo = program.Models.FirstOrDefault(m => m.Related.Any(p => p.Contains(path, span)));
            ModelCase? owner = declaredIn ?? usedIn ?? relatedTo;
            if (owner is not null && (owner.Has(Intent.CompilerMistake | Intent.ModelTwice) || brokenOutput.Contains(owner)))
                continue;
            string where = owner is null ? "other user code"
                : declaredIn is not null ? $"the declaration of a {owner.Intent} class"
                : usedIn is not null ? $"the usage of a {owner.Intent} model"
                : $"a containing type or base class of a {owner.Intent} class";
            unexplained.Add((where, owner, d));
        }
        foreach (var group in unexplained.GroupBy(u => (u.Where, u.Owner)))
        {
            Diagnostic first = group.First().Error;
            findings.Add(new(
                $"user code error {first.Id} in {group.Key.Where}",
                (group.Key.Owner is { } owner ? owner + "\n" : "") + string.Join("\n", group.Take(4).Select(u => Describe(u.Error)))));
        }
    }

    /// <summary>The class a diagnostic is about: the one whose declaration holds it (the innermost), else one whose containing types, base class or own file holds it.</summary>
    private static ModelCase? OwnerOf(FuzzProgram program, Diagnostic d)
    {
        string path = d.Location.GetLineSpan().Path;
        TextSpan span = d.Location.SourceSpan;
        return program.Models.Where(m => m.Declarations.Any(p => p.Contains(path, span))).MinBy(m => Smallest(m.Declarations, path, span))
            ?? program.Models.FirstOrDefault(m => m.Owns(path, span));
    }

    private static int Smallest(List<FilePlace> places, string path, TextSpan span) =>
        places.Where(p => p.Contains(path, span)).Select(p => p.Span.Length).DefaultIfEmpty(int.MaxValue).Min();

    /// <summary>Whether the model's type has a declaration in a generated file.</summary>
    private static bool IsGenerated(ProgramRun run, ModelCase model, HashSet<SyntaxTree> userTrees) =>
        model.MetadataName is { } name
        && run.Output.GetTypeByMetadataName(name) is { } type
        && type.DeclaringSyntaxReferences.Any(r => !userTrees.Contains(r.SyntaxTree));

    public static string Describe(Diagnostic d)
    {
        FileLinePositionSpan line = d.Location.GetLineSpan();
        string where = d.Location.Kind == LocationKind.None ? "(no location)" : $"{line.Path}({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1})";
        return $"{where}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A message without its particulars (quoted names, numbers), so that one cause makes one category.</summary>
    public static string Normalize(string message)
    {
        string text = Regex.Replace(message, "'[^']*'", "'…'");
        text = Regex.Replace(text, @"\d[\d,.]*", "N");
        text = text.Split('\n')[0].Trim();
        return text.Length > 140 ? text[..140] + "…" : text;
    }
}
