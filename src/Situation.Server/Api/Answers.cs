using Situation.Contracts.Grains;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

/// <summary>Turns a grain's write result into the HTTP answer: the entity's new state, or a problem.</summary>
public static class Answers
{
    public const string OutcomeHeader = "X-Situation-Outcome";

    public static IResult From<TView>(HttpContext context, WriteResult<TView> result, string entityType, string id) where TView : EntityView
    {
        context.Response.Headers[OutcomeHeader] = result.Outcome.ToString().ToLowerInvariant();
        return result.Outcome switch
        {
            WriteOutcome.NotFound => Problems.NotFound(entityType, id),
            WriteOutcome.AlreadyExists => Problems.AlreadyExists(entityType, id),
            WriteOutcome.Forbidden => Refusals.Forbidden(context, entityType, result.Owner),
            WriteOutcome.Created => Results.Json(result.View, ApiJson.Options, statusCode: StatusCodes.Status201Created),
            _ => Results.Json(result.View, ApiJson.Options),
        };
    }

    public static IResult Entity(EntityView? view, string entityType, string id) =>
        view is null ? Problems.NotFound(entityType, id) : Results.Json<object>(view, ApiJson.Options);

    public static IResult Features(IEnumerable<EntityView> views) =>
        new StreamedJson(stream => FeatureCollections.Write(stream, views));
}
