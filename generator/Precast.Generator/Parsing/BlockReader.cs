using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>
/// Reads the blocks a model uses, following <c>typeof(...)</c> arguments through blocks that use
/// other blocks: the one place the generator recurses. Each block is read once per model; a block
/// that leads back to one being read is a cycle, recorded on the reference that closes it (and
/// reported where the model uses the block), so nothing after parsing can loop.
/// </summary>
internal sealed class BlockReader
{
    public const string BlockAttributeName = "Precast.BlockAttribute";

    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, BlockSpec> _blocks = new(System.StringComparer.Ordinal);
    private readonly List<(string Key, string Name)> _reading = [];

    /// <param name="compilation">The compilation the model is in.</param>
    /// <param name="model">The model being read: a block leading back to it is a cycle too.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public BlockReader(Compilation compilation, INamedTypeSymbol model, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        _reading.Add((Key(model), model.Name));
    }

    /// <summary>True when an attribute of a block (or of a class used as one) has a compiler error: the model then waits for the compiler's errors to be fixed.</summary>
    public bool HasBindingErrors { get; private set; }

    /// <summary>Every block read so far, in a stable order.</summary>
    public EquatableArray<BlockSpec> Blocks => _blocks.Values.OrderBy(b => b.Key, System.StringComparer.Ordinal).ToEquatableArray();

    public static bool IsBlock(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == BlockAttributeName);

    /// <summary>
    /// What tells blocks apart: the full name, and for a file-local type (or one nested in a
    /// file-local type) also its file, since a <c>file class F</c> in B.cs and a public <c>F</c> in
    /// A.cs have the same full name, yet in B.cs <c>typeof(F)</c> means the file-local one. The path
    /// does not change as the file is edited, so the key (part of the equatable spec) does not either.
    /// </summary>
    private static string Key(INamedTypeSymbol type)
    {
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        for (INamedTypeSymbol? scope = type; scope is not null; scope = scope.ContainingType)
        {
            if (scope.IsFileLocal && scope.DeclaringSyntaxReferences.FirstOrDefault() is { } declaration)
                return $"{name} (file-local in {declaration.SyntaxTree.FilePath})";
        }
        return name;
    }

    /// <summary>The block a <c>typeof</c> argument names: read on first use, or the reason it is not one.</summary>
    public BlockRef Resolve(TypedConstant argument)
    {
        object? value = AttributeReader.Scalar(argument);
        if (value is not INamedTypeSymbol type)
            return new BlockRef(null, value?.ToString() ?? "null", BlockProblem.NotABlock);
        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        bool isModel = DeclarationReader.IsModel(type);
        if (!IsBlock(type) && !isModel)
        {
            // A class with an attribute the compiler cannot bind ([Blcok], a misspelt [Block]) may
            // well be the block the user meant: the compiler's error on it comes first.
            if (AttributeReader.AnyHasErrors(type, _compilation, _cancellationToken))
                HasBindingErrors = true;
            return new BlockRef(null, name, BlockProblem.NotABlock);
        }

        string key = Key(type);
        int open = _reading.FindIndex(entry => entry.Key == key);
        if (open >= 0)
        {
            string cycle = string.Join(" → ", _reading.Skip(open).Select(entry => entry.Name).Concat([type.Name]));
            return new BlockRef(null, name, BlockProblem.Cycle, cycle);
        }
        if (!_blocks.ContainsKey(key))
            _blocks[key] = Read(type, key, isModel);
        return new BlockRef(key, name);
    }

    private BlockSpec Read(INamedTypeSymbol type, string key, bool isModel)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _reading.Add((key, type.Name));
        try
        {
            if (AttributeReader.AnyHasErrors(type, _compilation, _cancellationToken))
            {
                HasBindingErrors = true;
                return new BlockSpec(key, type.Name, EquatableArray<ItemSpec>.Empty, false, EquatableArray<DiagnosticInfo>.Empty);
            }
            var problems = new List<DiagnosticInfo>();
            ItemList list = ItemReader.Read(type, head: null, isModel, this, problems, _cancellationToken);
            // A [Model] used as a block keeps its own loss for its own training; only a [Block] may not have one.
            bool hasLoss = list.Loss is not null && !isModel;
            return new BlockSpec(key, type.Name, list.Items, hasLoss, problems.ToEquatableArray());
        }
        finally
        {
            _reading.RemoveAt(_reading.Count - 1);
        }
    }
}
