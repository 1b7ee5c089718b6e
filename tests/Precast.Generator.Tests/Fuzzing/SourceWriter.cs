using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Precast.Generator.Tests.Fuzzing;

/// <summary>
/// Writes a <see cref="FileDraft"/> as C# text ('\n' line endings, four-space indentation) and
/// records in each item (and each attribute) where it landed, so the oracle can tell which class
/// and which attribute a diagnostic is about. Type references in attribute arguments
/// (<c>{TYPE:n}</c>) are resolved as the file is written, when every type has its final name.
/// </summary>
internal sealed class SourceWriter
{
    private static readonly System.Text.RegularExpressions.Regex s_typeToken = new(@"\{TYPE:(\d+)\}");

    private readonly StringBuilder _text = new();
    private readonly FileDraft _file;
    private readonly Func<int, string?, string> _resolve;
    private int _indent;
    private string? _namespace;

    private SourceWriter(FileDraft file, Func<int, string?, string> resolve)
    {
        _file = file;
        _resolve = resolve;
    }

    /// <param name="file">The file.</param>
    /// <param name="resolve">How the type of a <c>{TYPE:n}</c> token is named in a given namespace (null for the global one).</param>
    public static FuzzFile Write(FileDraft file, Func<int, string?, string> resolve)
    {
        var writer = new SourceWriter(file, resolve);
        writer.WriteFile();
        return new FuzzFile(file.Path, writer._text.ToString());
    }

    private void WriteFile()
    {
        foreach (string line in _file.Header)
            Line(line);
        if (_file.Header.Count > 0)
            Line();
        NamespaceBlock? fileScoped = _file.Root.Children.FirstOrDefault(c => c.Style == NamespaceStyle.FileScoped);
        if (fileScoped is not null)
        {
            Line($"namespace {fileScoped.WrittenName};");
            Line();
            _namespace = fileScoped.WrittenFullName;
            WriteItems(fileScoped.Items);
            return;
        }
        WriteItems(_file.Root.Items);
        foreach (NamespaceBlock block in _file.Root.Children)
            WriteBlock(block);
    }

    private void WriteBlock(NamespaceBlock block)
    {
        Line($"namespace {block.WrittenName}");
        Line("{");
        _indent++;
        string? outer = _namespace;
        _namespace = block.WrittenFullName;
        WriteItems(block.Items);
        foreach (NamespaceBlock child in block.Children)
            WriteBlock(child);
        _namespace = outer;
        TrimBlankLine();
        _indent--;
        Line("}");
        Line();
    }

    private void WriteItems(List<FileItem> items)
    {
        foreach (FileItem item in items)
        {
            switch (item)
            {
                case TypeBlock type:
                    WriteType(type);
                    break;
                case TextBlock text:
                    int start = _text.Length;
                    foreach (string line in text.Lines)
                        Line(line);
                    text.WrittenAt.Add(Place(start));
                    break;
            }
            Line();
        }
    }

    private void WriteType(TypeBlock block)
    {
        int start = _text.Length;
        foreach (string line in block.DocComment)
            Line(line);
        foreach (AttributeListDraft list in block.AttributeLists)
        {
            var rendered = list.Attributes.Select(a => s_typeToken.Replace(a.Render(_file.Prefix), m => _resolve(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), _namespace))).ToList();
            string text = $"[{list.Target}{string.Join(", ", rendered)}]"
                + (list.TrailingComment is { } comment ? " " + comment : "");
            int lineStart;
            if (list.SameLine && _text.Length > 0 && _text[^1] == '\n' && list.TrailingComment is null && !EndsWithComment())
            {
                _text.Length--;
                lineStart = _text.Length;
                _text.Append(text).Append('\n');
            }
            else
            {
                lineStart = _text.Length + (_indent * 4);
                Line(text);
            }
            int offset = lineStart + 1 + list.Target.Length;
            for (int i = 0; i < rendered.Count; i++)
            {
                list.Attributes[i].WrittenAt.Add(new FilePlace(_file.Path, new TextSpan(offset, rendered[i].Length)));
                offset += rendered[i].Length + 2;
            }
        }
        Indent();
        _text.Append(block.Type.Header(block.WriteBases, block.IsMain));
        block.HeaderAt.Add(Place(start));
        if (block.Members.Count == 0 && block.Children.Count == 0)
        {
            _text.Append(";\n");
        }
        else
        {
            _text.Append('\n');
            Line("{");
            _indent++;
            foreach (string member in block.Members)
            {
                foreach (string line in member.Replace("{Self}", block.Type.Identifier).Split('\n'))
                    Line(line);
            }
            if (block.Members.Count > 0 && block.Children.Count > 0)
                Line();
            foreach (FileItem child in block.Children)
            {
                if (child is TypeBlock type)
                    WriteType(type);
                Line();
            }
            TrimBlankLine();
            _indent--;
            Line("}");
        }
        block.WrittenAt.Add(Place(start));
    }

    private bool EndsWithComment()
    {
        int lineStart = _text.ToString().LastIndexOf('\n', _text.Length - 2) + 1;
        return _text.ToString(lineStart, _text.Length - lineStart).Contains("//", StringComparison.Ordinal);
    }

    private FilePlace Place(int start)
    {
        int end = _text.Length;
        while (end > start && _text[end - 1] == '\n')
            end--;
        return new FilePlace(_file.Path, TextSpan.FromBounds(start, end));
    }

    private void Indent() => _text.Append(' ', _indent * 4);

    private void Line(string text = "")
    {
        if (text.Length > 0)
        {
            Indent();
            _text.Append(text);
        }
        _text.Append('\n');
    }

    private void TrimBlankLine()
    {
        if (_text.Length >= 2 && _text[^1] == '\n' && _text[^2] == '\n')
            _text.Length--;
    }
}
