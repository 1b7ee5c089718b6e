using System.Text;

namespace Precast.Generator.Tests.Infrastructure;

/// <summary>
/// A readable line diff for snapshot failures: the longest common subsequence of lines, printed
/// as hunks with three lines of context, like `diff -u`.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;
    private const int MaxOutputLines = 200;

    public static string Format(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var edits = Edits(a, b);

        var output = new StringBuilder();
        int lines = 0;
        for (int i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == ' ')
                continue;
            // Print a hunk: context before, the run of changes (merging nearby ones), context after.
            int start = Math.Max(0, i - Context);
            int end = i;
            while (end < edits.Count && (edits[end].Kind != ' ' || NextChangeWithin(edits, end, 2 * Context)))
                end++;
            end = Math.Min(edits.Count, end + Context);
            output.Append($"@@ approved line {edits[start].LineA + 1}, generated line {edits[start].LineB + 1} @@\n");
            for (int j = start; j < end; j++)
            {
                output.Append(edits[j].Kind).Append(' ').Append(edits[j].Text).Append('\n');
                if (++lines >= MaxOutputLines)
                    return output.Append("... (diff truncated)\n").ToString();
            }
            i = end - 1;
        }
        return output.ToString();
    }

    private static bool NextChangeWithin(List<Edit> edits, int from, int distance)
    {
        for (int k = from; k < edits.Count && k <= from + distance; k++)
        {
            if (edits[k].Kind != ' ')
                return true;
        }
        return false;
    }

    private readonly record struct Edit(char Kind, string Text, int LineA, int LineB);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
                edits.Add(new Edit(' ', a[x++], x - 1, y++));
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
                edits.Add(new Edit('+', b[y++], x, y - 1));
            else
                edits.Add(new Edit('-', a[x++], x - 1, y));
        }
        return edits;
    }
}
