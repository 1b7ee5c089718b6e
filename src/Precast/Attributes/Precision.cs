namespace Precast;

/// <summary>The floating-point type a model computes in.</summary>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/>: the default, and what optimizers and checkpoints use.</summary>
    Single = 0,

    /// <summary>
    /// 64-bit <see cref="double"/>: slower, for numerical verification (finite-difference gradient
    /// checks) and scientific use.
    /// </summary>
    Double = 1,
}
