using Microsoft.CodeAnalysis;
using Precast.Generator.Model;

namespace Precast.Generator.Parsing;

/// <summary>What an attribute's parser gets besides the attribute: the item's resolved name, its location, and a way to read the blocks it names.</summary>
/// <param name="Name">The name given by the user or the default one (Dense1).</param>
/// <param name="Location">The attribute.</param>
/// <param name="Blocks">Reads the block a <c>typeof(...)</c> argument names.</param>
internal sealed record ItemContext(string Name, SourceSpan? Location, BlockReader Blocks)
{
    /// <summary>The block named by <paramref name="type"/> (a <c>typeof</c> argument), read on first use.</summary>
    public BlockRef Block(TypedConstant type) => Blocks.Resolve(type);
}
