namespace Precast;

/// <summary>
/// Reshapes each sample to a vector: [C, H, W] becomes [C·H·W]. It copies nothing; the next layer
/// reads the same memory.
/// </summary>
public sealed class FlattenAttribute : LayerAttribute;
