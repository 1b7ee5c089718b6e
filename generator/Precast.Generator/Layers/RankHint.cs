using System;
using System.Globalization;
using System.Linq;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The fix a wrong-rank message suggests (PC0031): a Reshape with the actual numbers, so the user
/// can paste it. A vector of 784 values becomes <c>[Reshape(1, 28, 28)]</c> when it is a square
/// image (grey, or three colour channels), a [C, L] sequence becomes <c>[Reshape(C, 1, L)]</c>.
/// </summary>
internal static class RankHint
{
    /// <summary>Reports PC0031 with the fix unless <paramref name="input"/> is <c>[channels, height, width]</c>.</summary>
    public static bool RequireImage(Shape input, ShapeContext context, string? alternative) =>
        input.Rank == 3 || Wrong(context, "[channels, height, width]", input, ForImage(input, alternative));

    /// <summary>Reports PC0031 with the fix unless <paramref name="input"/> is <c>[channels, length]</c>.</summary>
    public static bool RequireSequence(Shape input, ShapeContext context, string? alternative) =>
        input.Rank == 2 || Wrong(context, "[channels, length]", input, ForSequence(input, alternative));

    private static bool Wrong(ShapeContext context, string expected, Shape input, string fix)
    {
        context.Report(Diagnostics.Descriptors.WrongRank, context.Display, expected, context.Producer, input.ToString(), fix);
        return false;
    }

    /// <summary>The fix for a layer that needs <c>[channels, height, width]</c>.</summary>
    /// <param name="input">What it receives.</param>
    /// <param name="alternative">A layer that takes the received rank as it is (Conv1D for a sequence), or null.</param>
    public static string ForImage(Shape input, string? alternative)
    {
        switch (input.Rank)
        {
            case 1:
                foreach (int channels in new[] { 1, 3 })
                {
                    if (input[0] % channels == 0 && Side(input[0] / channels) is { } side)
                        return $"add [Reshape({N(channels)}, {N(side)}, {N(side)})] before it, if the values are a {(channels == 1 ? "grey" : "colour")} {N(side)}×{N(side)} image";
                }
                return "add [Reshape(channels, height, width)] before it, with numbers whose product is " + N(input[0]);
            case 2:
                string reshape = $"add [Reshape({N(input[0])}, 1, {N(input[1])})] before it";
                return alternative is null ? reshape : $"{reshape}, or use {alternative} on the sequence";
            default:
                long leading = input.Dimensions.Take(input.Rank - 2).Aggregate(1L, (a, b) => a * b);
                return $"add [Reshape({N(leading)}, {N(input[input.Rank - 2])}, {N(input[input.Rank - 1])})] before it to merge the leading axes into channels";
        }
    }

    /// <summary>The fix for a layer that needs <c>[channels, length]</c>.</summary>
    /// <param name="input">What it receives.</param>
    /// <param name="alternative">A layer that takes an image as it is (Conv2D), or null.</param>
    public static string ForSequence(Shape input, string? alternative)
    {
        if (input.Rank == 1)
            return $"add [Reshape(1, {N(input[0])})] before it for one channel of {N(input[0])} positions";
        long positions = input.Dimensions.Skip(1).Aggregate(1L, (a, b) => a * b);
        string reshape = $"add [Reshape({N(input[0])}, {N(positions)})] before it to read the positions in order";
        return alternative is null || input.Rank != 3 ? reshape : $"use {alternative} on the image, or {reshape}";
    }

    /// <summary>The side of a square with <paramref name="area"/> values, or null.</summary>
    private static int? Side(int area)
    {
        int side = (int)Math.Round(Math.Sqrt(area));
        return side > 1 && side * side == area ? side : null;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
