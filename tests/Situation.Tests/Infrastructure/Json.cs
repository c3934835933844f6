using System.Text.Json;

namespace Situation.Tests.Infrastructure;

public static class Json
{
    /// <summary>Views hold arrays, which records compare by reference; compare what they say instead.</summary>
    public static string Of(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object));
}
