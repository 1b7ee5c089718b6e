using System.Numerics;
using System.Runtime.CompilerServices;

namespace Precast;

/// <summary>
/// A deterministic, platform-independent random number generator: xoshiro256** (Blackman and
/// Vigna), with its 256-bit state filled from a 64-bit seed by SplitMix64. The same seed gives the
/// same integer sequence on every machine and runtime; it is a struct with no hidden caches, so a
/// copy continues exactly where the original would and its state can be saved and restored.
/// </summary>
/// <remarks>
/// Pass it by <c>ref</c>: a copy advances independently of the original. Not for cryptography.
/// </remarks>
public struct Rng
{
    /// <summary>The number of 64-bit words in the state (<see cref="SaveState"/>, <see cref="FromState"/>).</summary>
    public const int StateLength = 4;

    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose state is four consecutive SplitMix64 outputs seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// Creates the generator of stream <paramref name="stream"/> under <paramref name="seed"/>, for
    /// example one per epoch. The stream number is mixed into the seed through SplitMix64's
    /// finalizer, a bijection, so for one seed every stream starts from a different SplitMix64 seed
    /// and therefore an unrelated state.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="stream">The stream's number.</param>
    public static Rng ForStream(ulong seed, ulong stream)
        => new(seed ^ Mix(stream + GoldenGamma));

    /// <summary>Restores a generator from words written by <see cref="SaveState"/>.</summary>
    /// <param name="state">The <see cref="StateLength"/> state words.</param>
    /// <exception cref="ArgumentException">The span does not hold exactly four words, or all are zero (xoshiro's one invalid state).</exception>
    public static Rng FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateLength)
            throw new ArgumentException($"Rng.FromState: 'state' has {state.Length} words; expected {StateLength}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("Rng.FromState: 'state' is all zeros, which xoshiro256** cannot leave; it was not written by SaveState.", nameof(state));
        Rng rng = default;
        rng._s0 = state[0];
        rng._s1 = state[1];
        rng._s2 = state[2];
        rng._s3 = state[3];
        return rng;
    }

    /// <summary>Writes the state, for a checkpoint from which <see cref="FromState"/> resumes the exact sequence.</summary>
    /// <param name="destination">Receives the <see cref="StateLength"/> state words.</param>
    /// <exception cref="ArgumentException">The span does not hold exactly four words.</exception>
    public readonly void SaveState(Span<ulong> destination)
    {
        if (destination.Length != StateLength)
            throw new ArgumentException($"Rng.SaveState: 'destination' has {destination.Length} words; expected {StateLength}.", nameof(destination));
        destination[0] = _s0;
        destination[1] = _s1;
        destination[2] = _s2;
        destination[3] = _s3;
    }

    /// <summary>The next 64 random bits (one xoshiro256** step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>The next 32 random bits: the upper half of <see cref="NextUInt64"/>, the better-mixed half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A uniform double in [0, 1): 53 random bits scaled by 2^-53, so every value is a multiple of 2^-53.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1): 24 random bits scaled by 2^-24, so every value is a multiple of 2^-24.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>
    /// A uniform integer in [0, <paramref name="maxExclusive"/>) with no modulo bias (Lemire's
    /// multiply-and-reject: a 32-bit draw times the bound, rejecting the few draws that would make
    /// some results more likely).
    /// </summary>
    /// <param name="maxExclusive">The exclusive upper bound, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is less than 1.</exception>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive < 1)
            ThrowBound(maxExclusive);
        uint bound = (uint)maxExclusive;
        ulong product = (ulong)NextUInt32() * bound;
        uint low = (uint)product;
        if (low < bound)
        {
            // 2^32 mod bound draws are surplus; reject the products whose low half falls among them.
            uint surplus = (0u - bound) % bound;
            while (low < surplus)
            {
                product = (ulong)NextUInt32() * bound;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>
    /// A standard normal value (mean 0, variance 1) by the Box–Muller transform. Each call uses
    /// exactly two <see cref="NextUInt64"/> steps and keeps nothing back, so the sequence depends only
    /// on the state. (The integer stream is bit-identical everywhere; the logarithm and cosine come
    /// from the platform's math library, which may differ in the last bit.)
    /// </summary>
    public double NextNormal()
    {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMix64(ref ulong x)
    {
        x += GoldenGamma;
        return Mix(x);
    }

    /// <summary>SplitMix64's output function (Stafford's Mix13), a bijection on 64-bit words.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static void ThrowBound(int maxExclusive)
        => throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive,
            $"Rng.NextInt32: 'maxExclusive' is {maxExclusive}; expected 1 or more.");
}
