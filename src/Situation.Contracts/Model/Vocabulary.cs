namespace Situation.Contracts.Model;

/// <summary>
/// A closed set of contract words (a district's level, a site's health, …), kept as strings so stored
/// JSON stays readable and stable. Its name is how the API's description (and so the browser's
/// generated types) calls it.
/// </summary>
public sealed class Vocabulary(string name, params string[] words)
{
    private readonly HashSet<string> _words = new(words, StringComparer.Ordinal);

    public string Name => name;

    public IReadOnlyCollection<string> Words => words;

    public bool Contains(string? word) => word is not null && _words.Contains(word);

    public override string ToString() => string.Join(", ", words);
}
