using System;
using System.Linq;

namespace Precast.Generator.Model;

/// <summary>The members of an enum as a message lists them: "Single or Double".</summary>
internal static class EnumNames
{
    public static string List<TEnum>()
        where TEnum : struct, Enum
    {
        string[] names = Enum.GetNames(typeof(TEnum));
        return names.Length == 1 ? names[0] : string.Join(", ", names.Take(names.Length - 1)) + " or " + names[names.Length - 1];
    }
}
