using System.Text.Json;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>Zones and routes arrive as GeoJSON Features; this checks their envelope and finds the id.</summary>
public static class FeatureId
{
    /// <summary>
    /// The entity id: from the path when there is one (a body id must then agree), else the Feature's
    /// own id (RFC 7946) or an <c>id</c> among its properties.
    /// </summary>
    public static string? Check(Check check, string? type, JsonElement? featureId, string? propertyId, string? pathId)
    {
        if (type != "Feature")
            check.Reject("type", "must be \"Feature\"");
        var bodyId = featureId is { ValueKind: JsonValueKind.String } id ? id.GetString()
            : featureId is { ValueKind: JsonValueKind.Number } number ? number.GetRawText()
            : propertyId;
        if (pathId is not null && bodyId is not null && bodyId != pathId)
            check.Reject("id", $"the body's id '{bodyId}' differs from the path's '{pathId}'");
        return check.Id("id", pathId ?? bodyId);
    }
}
