using System.Text;

namespace Precast.Generator.Emission;

/// <summary>
/// Builds source text line by line with four-space indentation and '\n' line endings, so the
/// output is the same on every machine (the snapshot tests compare it byte for byte).
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation; an empty line carries no spaces.</summary>
    public void Line(string text = "")
    {
        if (text.Length > 0)
            _text.Append(' ', _indent * 4).Append(text);
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    /// <summary>Outdents and writes the closing brace, dropping a blank line left right before it.</summary>
    public void Close()
    {
        if (_text.Length >= 2 && _text[_text.Length - 1] == '\n' && _text[_text.Length - 2] == '\n')
            _text.Length--;
        _indent--;
        Line("}");
    }

    /// <summary>Writes a /// summary comment, one line or several.</summary>
    public void Summary(params string[] lines)
    {
        if (lines.Length == 1)
        {
            Line($"/// <summary>{lines[0]}</summary>");
            return;
        }
        Line("/// <summary>");
        foreach (string line in lines)
            Line("/// " + line);
        Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();
}
