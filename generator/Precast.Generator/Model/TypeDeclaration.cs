using System.Text;

namespace Precast.Generator.Model;

/// <summary>
/// The user's class as the generated code needs to know it: where it lives, what it is called,
/// what it already declares and inherits (so generated members never clash with or hide them), and
/// whether its documentation already has a summary. Plain equatable data, read by the parser.
/// </summary>
/// <param name="Namespace">The namespace as written (<c>int.App</c> for <c>@int.App</c>), or null for the global namespace.</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first.</param>
/// <param name="ClassName">The class's name without any '@' (<c>return</c> for <c>@return</c>).</param>
/// <param name="Identifier">Where the class's name is written, for diagnostics about the class itself.</param>
/// <param name="Members">The members the user declared on the class (in any partial declaration).</param>
/// <param name="BaseType">The base class, when it is not object; its inherited member names travel with it.</param>
/// <param name="HasSummary">The user's documentation comment already has a &lt;summary&gt;.</param>
/// <param name="HasRemarks">The user's documentation comment already has &lt;remarks&gt;.</param>
/// <param name="IsExtensible">
/// No declaration-level problem (not partial, static, generic, record, ...): a generated partial
/// declaration of the class compiles, so after an error in the network the public surface can still
/// be emitted and code using the model does not drown in follow-on errors.
/// </param>
internal sealed record TypeDeclaration(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    SourceSpan? Identifier,
    EquatableArray<UserMember> Members,
    BaseTypeInfo? BaseType,
    bool HasSummary,
    bool HasRemarks,
    bool IsExtensible)
{
    /// <summary>The class name as code: <c>@return</c>.</summary>
    public string EscapedName => Identifiers.Escape(ClassName);

    /// <summary>The class name with its containing types, for messages and comments: Outer.Model.</summary>
    public string QualifiedName
    {
        get
        {
            var name = new StringBuilder();
            foreach (ContainingType type in ContainingTypes)
                name.Append(type.Name).Append('.');
            return name.Append(ClassName).ToString();
        }
    }

    /// <summary>Namespace, containing types and class, each part as written: int.App.Outer.return.</summary>
    public string FullName => Namespace is null ? QualifiedName : Namespace + "." + QualifiedName;
}

/// <summary>A type a model class is nested in.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">Its name without any '@'.</param>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>A member the user declared on the model class, or one its base class offers.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">What it is, for messages: method, property, field, nested type.</param>
/// <param name="Signature">
/// For a method, what tells overloads apart: its parameter types, fully qualified, and its number
/// of type parameters (<c>global::System.ReadOnlySpan&lt;float&gt;`0</c>); null for other members.
/// </param>
/// <param name="Location">Its name in the source.</param>
internal sealed record UserMember(string Name, string Kind, string? Signature, SourceSpan? Location);

/// <summary>The model's base class and the members a derived class can see (and a generated member could hide).</summary>
/// <param name="Name">The base class as the user wrote it, for messages.</param>
/// <param name="Location">The base class in the class's base list.</param>
/// <param name="Members">The non-private members of the base class and its bases, object's excluded.</param>
internal sealed record BaseTypeInfo(string Name, SourceSpan? Location, EquatableArray<UserMember> Members);
