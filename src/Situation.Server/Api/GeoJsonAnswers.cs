namespace Situation.Server.Api;

/// <summary>
/// Says that an endpoint answers GeoJSON (<c>application/geo+json</c>): a Feature, or a FeatureCollection,
/// of an entity type or of flags. The endpoint streams it itself; this is what its description shows
/// (<see cref="ContractDescription"/>).
/// </summary>
public sealed record GeoJsonAnswer(string Layer, bool Collection);

public static class GeoJsonAnswers
{
    public const string MediaType = "application/geo+json";

    public static RouteHandlerBuilder AnswersFeature(this RouteHandlerBuilder endpoint, string layer) =>
        endpoint.WithMetadata(new GeoJsonAnswer(layer, Collection: false));

    public static RouteHandlerBuilder AnswersFeatures(this RouteHandlerBuilder endpoint, string layer) =>
        endpoint.WithMetadata(new GeoJsonAnswer(layer, Collection: true));
}
