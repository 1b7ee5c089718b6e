namespace Precast.Benchmarks.Compare;

/// <summary>Speeds from multiply-add counts and times.</summary>
public static class Speed
{
    /// <summary>Billions of floating-point operations per second: two (a multiply and an add) per multiply-add; null when not measured.</summary>
    public static double? Gigaflops(double multiplies, double? microseconds) =>
        microseconds is double value ? 2 * multiplies / (value * 1e3) : null;
}
