using Precast.Generator.Emission;

namespace Precast.Generator.Losses;

/// <summary>What a loss needs to emit its calls: the writer, the element type and the output size.</summary>
/// <param name="Writer">Where code goes.</param>
/// <param name="T">The element type keyword.</param>
/// <param name="OutputLength">Values per output sample.</param>
internal sealed record LossEmitContext(CodeWriter Writer, string T, int OutputLength);
