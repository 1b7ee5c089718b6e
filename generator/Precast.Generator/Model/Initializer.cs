namespace Precast.Generator.Model;

/// <summary>Mirrors Precast.Initializer.</summary>
internal enum Initializer
{
    Auto = 0,
    GlorotUniform = 1,
    GlorotNormal = 2,
    HeUniform = 3,
    HeNormal = 4,
}
