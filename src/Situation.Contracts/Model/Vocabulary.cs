namespace Situation.Contracts.Model;

/// <summary>A closed set of contract words (a district's level, a site's health, …), kept as strings so stored JSON stays readable and stable.</summary>
public sealed class Vocabulary(params string[] words)
{
    private readonly HashSet<string> _words = new(words, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Words => words;

    public bool Contains(string? word) => word is not null && _words.Contains(word);

    public override string ToString() => string.Join(", ", words);
}
