using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Situation.Server.Api.Json;

namespace Situation.Server.Live;

/// <summary>
/// The hub's MessagePack protocol carries the same shapes as its JSON one: every message the
/// platform sends (a <c>changes</c> batch, a heartbeat) is first written as the API's JSON would
/// write it — camelCase names, GeoJSON geometry, contract words — and that tree is then written as
/// MessagePack maps, arrays, strings, numbers, booleans and nils. So a client reads the same fields
/// whichever protocol it chose, and an item relayed from another node (held as JSON) goes out as one
/// accepted here does.
/// </summary>
public sealed class JsonShapedMessagePack : IFormatterResolver
{
    public static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(new JsonShapedMessagePack(), StandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        typeof(T) == typeof(JsonElement) || typeof(T).Namespace?.StartsWith("Situation.", StringComparison.Ordinal) == true
            ? new Formatter<T>()
            : null;

    private sealed class Formatter<T> : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            Write(ref writer, value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, ApiJson.Options));

        // Clients send the hub only scopes (strings); none of the platform's own shapes come back.
        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            throw new MessagePackSerializationException($"{typeof(T).Name} is sent by the hub, never received.");

        private static void Write(ref MessagePackWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteMapHeader(element.GetPropertyCount());
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.Write(property.Name);
                        Write(ref writer, property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    writer.WriteArrayHeader(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray())
                        Write(ref writer, item);
                    break;
                case JsonValueKind.String:
                    writer.Write(element.GetString());
                    break;
                case JsonValueKind.Number when element.TryGetInt64(out var whole):
                    writer.Write(whole);
                    break;
                case JsonValueKind.Number:
                    writer.Write(element.GetDouble());
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    writer.Write(element.GetBoolean());
                    break;
                default:
                    writer.WriteNil();
                    break;
            }
        }
    }
}
