namespace Precast.Generator.Model;

/// <summary>
/// A block as declared by its class's attributes: the layers and compositions it applies, in order.
/// Blocks are read once per model that uses them (directly or through other blocks) and travel in
/// <see cref="ModelSpec.Blocks"/>, keyed by <see cref="Key"/>, so editing a block re-plans every model
/// that uses it.
/// </summary>
/// <param name="Key">What tells the class apart from every other (its full name, and a file-local type's file), which <see cref="BlockRef.Key"/> refers to.</param>
/// <param name="Name">The class's name, for messages and comments.</param>
/// <param name="Items">Its layers and compositions in order.</param>
/// <param name="HasLoss">The class carries [Loss], which a [Block] may not (a [Model] used as a block may: its loss is ignored).</param>
/// <param name="Problems">What is wrong in the block's own declaration, reported where the model uses the block.</param>
internal sealed record BlockSpec(
    string Key,
    string Name,
    EquatableArray<ItemSpec> Items,
    bool HasLoss,
    EquatableArray<DiagnosticInfo> Problems);

/// <summary>A <c>typeof(...)</c> argument of a composition: the block it names, or why it names none.</summary>
/// <param name="Key">The block's key in <see cref="ModelSpec.Blocks"/>, or null when <paramref name="Problem"/> says why there is none.</param>
/// <param name="Name">The type's name as written, for messages.</param>
/// <param name="Problem">What is wrong with the reference, if anything.</param>
/// <param name="Cycle">For a cycle, the blocks around it: "A → B → A".</param>
internal sealed record BlockRef(string? Key, string Name, BlockProblem Problem = BlockProblem.None, string Cycle = "");

/// <summary>Why a <c>typeof(...)</c> argument names no usable block.</summary>
internal enum BlockProblem
{
    None,
    NotABlock,
    Cycle,
}
