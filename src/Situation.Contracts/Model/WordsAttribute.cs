namespace Situation.Contracts.Model;

/// <summary>
/// Names the vocabulary (<see cref="Vocabulary.Name"/>) whose words a text field takes — or, on a
/// list, each of its items — so that the API's description lists them and clients generated from it
/// (the dashboard's types) know them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WordsAttribute(string vocabulary) : Attribute
{
    public string Vocabulary => vocabulary;
}
