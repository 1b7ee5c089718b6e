using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Precast.Generator.Model;

/// <summary>
/// Where something is in the user's source, as plain data. A <see cref="Location"/> would hold
/// on to its syntax tree, which both leaks the tree and breaks the equality the incremental
/// pipeline relies on; this keeps only the path and the spans.
/// </summary>
internal readonly record struct SourceSpan(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSpan? From(SyntaxNode? node)
    {
        if (node is null)
            return null;
        Location location = node.GetLocation();
        return new SourceSpan(node.SyntaxTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static SourceSpan? From(Location? location)
    {
        if (location is null || !location.IsInSource)
            return null;
        return new SourceSpan(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static SourceSpan From(SyntaxToken token)
    {
        Location location = token.GetLocation();
        return new SourceSpan(token.SyntaxTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>
    /// The location in <paramref name="tree"/> when the compilation still has the file, so that
    /// <c>#pragma warning disable</c> and editor suppressions apply; an external-file location otherwise.
    /// </summary>
    public Location ToLocation(SyntaxTree? tree) =>
        tree is not null && Span.End <= tree.Length ? Location.Create(tree, Span) : Location.Create(FilePath, Span, LineSpan);
}
