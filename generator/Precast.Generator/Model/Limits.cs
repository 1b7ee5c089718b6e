namespace Precast.Generator.Model;

/// <summary>Sizes the generated code can hold.</summary>
internal static class Limits
{
    /// <summary>
    /// The most elements a .NET array can hold (Array.MaxLength, which netstandard2.0 does not
    /// expose). Every tensor and the flat parameter buffer are arrays, so nothing may be larger.
    /// </summary>
    public const long MaxArrayLength = 2_147_483_591;
}
