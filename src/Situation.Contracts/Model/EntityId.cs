using System.Text.RegularExpressions;

namespace Situation.Contracts.Model;

/// <summary>The id rule: ids are the caller's own codes (lowercase, short, URL-safe), so they can stand in a path unescaped.</summary>
public static partial class EntityId
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Rule();

    public static bool IsValid(string? id) => id is not null && Rule().IsMatch(id);

    public const string Description = "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";
}
