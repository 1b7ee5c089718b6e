namespace Precast.Generator.Tests.Fuzzing;

// The program under construction. Features edit these drafts; SourceWriter turns them into text
// and records where each piece landed. Nothing here knows about Roslyn.

/// <summary>
/// An attribute as the user writes it. Values may hold the placeholder {P}, replaced by how the
/// file reaches Precast's types: "" (using Precast), "global::Precast.", "Precast." or "P." (alias).
/// </summary>
internal sealed class AttributeDraft
{
    public AttributeDraft(string name) => Name = name;

    /// <summary>Model, Dense, Loss, ... or a misspelling.</summary>
    public string Name { get; set; }

    public List<string> Positional { get; } = [];

    public List<KeyValuePair<string, string>> Named { get; } = [];

    /// <summary>When set, written verbatim between the parentheses (syntax mistakes).</summary>
    public string? RawArguments { get; set; }

    /// <summary>DenseAttribute rather than Dense.</summary>
    public bool LongName { get; set; }

    /// <summary>Relu() rather than Relu.</summary>
    public bool EmptyParentheses { get; set; }

    /// <summary>For [Residual], [Concat], [Sum], [Scale], [Highway] and [Repeat]: the blocks it uses, for the shape oracle.</summary>
    public CompositionDraft? Composition { get; set; }

    /// <summary>Where the writer put the attribute (its name through its closing parenthesis).</summary>
    public List<FilePlace> WrittenAt { get; } = [];

    /// <summary>The Name argument without its quotes, when it is a plain string literal.</summary>
    public string? ExplicitName => GetNamed("Name") is { Length: >= 2 } quoted && quoted[0] == '"' && quoted[^1] == '"' && !quoted.Contains('\\')
        ? quoted[1..^1]
        : null;

    public string? GetNamed(string key) => Named.LastOrDefault(p => p.Key == key).Value;

    public void SetNamed(string key, string value)
    {
        Named.RemoveAll(p => p.Key == key);
        Named.Add(new(key, value));
    }

    public string Render(string prefix)
    {
        string name = prefix + Name + (LongName ? "Attribute" : "");
        string arguments = RawArguments
            ?? string.Join(", ", Positional.Concat(Named.Select(p => $"{p.Key} = {p.Value}")));
        if (RawArguments is null && arguments.Length == 0 && !EmptyParentheses)
            return name;
        return $"{name}({arguments.Replace("{P}", prefix)})";
    }

    public override string ToString() => Render("");
}

/// <summary>
/// What a composition attribute uses, as the shape oracle reads it: each block (null for a type
/// that is not one), the projection, the count, the branch names. The attribute's text is written
/// separately (Positional and Named), so that a fault can make the text say something else.
/// </summary>
internal sealed class CompositionDraft
{
    public CompositionDraft(string kind) => Kind = kind;

    /// <summary>Residual, Concat, Sum, Scale, Highway or Repeat.</summary>
    public string Kind { get; }

    /// <summary>The branch F, the branches, the gate, H then T, or the repeated block; null for a type that is not a block.</summary>
    public List<ModelDraft?> Blocks { get; } = [];

    /// <summary>The Residual's Projection block.</summary>
    public ModelDraft? Projection { get; set; }

    /// <summary>Repeat's count.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Concat's and Sum's Names, or null for the indexes.</summary>
    public List<string>? BranchNames { get; set; }

    /// <summary>Every block it uses, the projection included.</summary>
    public IEnumerable<ModelDraft> AllBlocks => Blocks.OfType<ModelDraft>().Concat(Projection is null ? [] : [Projection]);
}

/// <summary>One attribute list: <c>[Dense(4), Relu]</c>, optionally with a target and a trailing comment.</summary>
internal sealed class AttributeListDraft
{
    public List<AttributeDraft> Attributes { get; } = [];

    /// <summary>"type: " for <c>[type: Dense(4)]</c>.</summary>
    public string Target { get; set; } = "";

    public string? TrailingComment { get; set; }

    /// <summary>Written on the same line as the list before it.</summary>
    public bool SameLine { get; set; }
}

/// <summary>A type: its name, kind, modifiers and where it lives. Each declaration of it is a <see cref="TypeBlock"/>.</summary>
internal sealed class TypeDecl
{
    public TypeDecl(string identifier, NamespaceBlock ns, TypeDecl? container)
    {
        Identifier = identifier;
        Namespace = ns;
        Container = container;
    }

    /// <summary>As written: "@return", "Outer".</summary>
    public string Identifier { get; set; }

    /// <summary>The name without @.</summary>
    public string Name => Identifier.TrimStart('@');

    /// <summary>class, struct, record, record class, record struct or interface.</summary>
    public string Keyword { get; set; } = "class";

    /// <summary>In order; "partial" last when present.</summary>
    public List<string> Modifiers { get; } = [];

    public string TypeParameters { get; set; } = "";

    public string PrimaryConstructor { get; set; } = "";

    /// <summary>Base type and interfaces, without the colon.</summary>
    public List<string> Bases { get; } = [];

    public NamespaceBlock Namespace { get; }

    /// <summary>The type this one is nested in; a feature may wrap the type in a new one.</summary>
    public TypeDecl? Container { get; set; }

    public bool IsPartial => Modifiers.Contains("partial");

    public bool IsGeneric => TypeParameters.Length > 0;

    /// <summary>Containers from the outermost, then this type.</summary>
    public IEnumerable<TypeDecl> Chain()
    {
        var chain = new List<TypeDecl>();
        for (TypeDecl? t = this; t is not null; t = t.Container)
            chain.Insert(0, t);
        return chain;
    }

    /// <summary>The name inside its namespace: Outer.@return.</summary>
    public string RelativeName => string.Join(".", Chain().Select(t => t.Identifier));

    /// <summary>A reference from anywhere: global::App.Outer.@return.</summary>
    public string GlobalName => "global::" + (Namespace.WrittenFullName is { } ns ? ns + "." : "") + RelativeName;

    /// <summary>For GetTypeByMetadataName: App.Outer+return (with `1 for generic types).</summary>
    public string MetadataName =>
        (Namespace.MetadataFullName is { } ns ? ns + "." : "")
        + string.Join("+", Chain().Select(t => t.Name + (t.IsGeneric ? "`" + (t.TypeParameters.Count(c => c == ',') + 1) : "")));

    /// <summary>The declaration's header; only one declaration of a partial type may have the parameter list.</summary>
    public string Header(bool withBases, bool withParameters) =>
        string.Join(" ", Modifiers.Append(Keyword)) + " " + Identifier + TypeParameters + (withParameters ? PrimaryConstructor : "")
        + (withBases && Bases.Count > 0 ? " : " + string.Join(", ", Bases) : "");
}

/// <summary>Something written inside a namespace or a type.</summary>
internal abstract class FileItem
{
    /// <summary>Where the writer put it.</summary>
    public List<FilePlace> WrittenAt { get; } = [];
}

/// <summary>One declaration of a type: its attributes, header, members and nested declarations.</summary>
internal sealed class TypeBlock : FileItem
{
    public TypeBlock(TypeDecl type) => Type = type;

    public TypeDecl Type { get; }

    public List<string> DocComment { get; } = [];

    public List<AttributeListDraft> AttributeLists { get; } = [];

    /// <summary>Member declarations, each one or more lines of text (the type's identifier is spelled {Self}).</summary>
    public List<string> Members { get; } = [];

    public List<FileItem> Children { get; } = [];

    /// <summary>Written with its base list (only one declaration of a partial type needs it).</summary>
    public bool WriteBases { get; set; } = true;

    /// <summary>The declaration of the type that carries its primary constructor, if it has one.</summary>
    public bool IsMain { get; set; } = true;

    /// <summary>Where the writer put the header (attributes through the base list).</summary>
    public List<FilePlace> HeaderAt { get; } = [];
}

/// <summary>Raw text: usage code, helper classes.</summary>
internal sealed class TextBlock : FileItem
{
    public TextBlock(IEnumerable<string> lines) => Lines = lines.ToList();

    public List<string> Lines { get; }
}

internal enum NamespaceStyle
{
    /// <summary>No namespace: the global namespace.</summary>
    Global,

    /// <summary><c>namespace App;</c></summary>
    FileScoped,

    /// <summary><c>namespace App { ... }</c></summary>
    Block,
}

/// <summary>A namespace declaration in a file (or the file's global part), with what it holds.</summary>
internal sealed class NamespaceBlock
{
    public NamespaceBlock(NamespaceStyle style, string? writtenName, NamespaceBlock? parent)
    {
        Style = style;
        WrittenName = writtenName;
        Parent = parent;
    }

    public NamespaceStyle Style { get; }

    /// <summary>As written after <c>namespace</c>: "@int.App"; null for the global namespace.</summary>
    public string? WrittenName { get; }

    /// <summary>The block this one is nested in (<c>namespace A { namespace B { } }</c>).</summary>
    public NamespaceBlock? Parent { get; }

    /// <summary>The file the block is in.</summary>
    public FileDraft? File { get; set; }

    public List<FileItem> Items { get; } = [];

    public List<NamespaceBlock> Children { get; } = [];

    public string? WrittenFullName =>
        WrittenName is null ? Parent?.WrittenFullName
        : Parent?.WrittenFullName is { } outer ? outer + "." + WrittenName : WrittenName;

    public string? MetadataFullName => WrittenFullName is { } name
        ? string.Join(".", name.Split('.').Select(s => s.TrimStart('@')))
        : null;
}

/// <summary>How a file reaches Precast's attributes and enums.</summary>
internal enum ImportStyle
{
    /// <summary><c>using Precast;</c> and short names.</summary>
    Using,

    /// <summary>Short names through a <c>global using Precast;</c> in another file.</summary>
    GlobalUsing,

    /// <summary><c>global::Precast.Dense</c>.</summary>
    GlobalQualified,

    /// <summary><c>Precast.Dense</c>.</summary>
    Qualified,

    /// <summary><c>using P = Precast;</c> and <c>P.Dense</c>.</summary>
    Alias,
}

/// <summary>A file under construction.</summary>
internal sealed class FileDraft
{
    public FileDraft(string path, ImportStyle imports)
    {
        Path = path;
        Imports = imports;
        Root = new NamespaceBlock(NamespaceStyle.Global, null, null) { File = this };
    }

    public string Path { get; }

    public ImportStyle Imports { get; }

    public string Prefix => Imports switch
    {
        ImportStyle.GlobalQualified => "global::Precast.",
        ImportStyle.Qualified => "Precast.",
        ImportStyle.Alias => "P.",
        _ => "",
    };

    /// <summary>Extra lines at the top (using directives).</summary>
    public List<string> Header { get; } = [];

    /// <summary>The global part of the file: top-level items and namespace blocks (a file-scoped namespace is its only child).</summary>
    public NamespaceBlock Root { get; }

    public bool IsFileScoped => Root.Children.Any(c => c.Style == NamespaceStyle.FileScoped);

    /// <summary>Something will be written in the global part of the file (so no file-scoped namespace may be added).</summary>
    public bool RootClaimed { get; set; }
}
