using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Entities;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Telemetry;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Api;

/// <summary>The entity API's answers: an entity, a list of them, or what became of a write.</summary>
public static class Answers
{
    public const string OutcomeHeader = "X-Situation-Outcome";

    /// <summary>A write's answer, counted by the status it carries (<see cref="SituationMetrics.Write"/>).</summary>
    public static TAnswer Counted<TAnswer>(string entityType, TAnswer answer) where TAnswer : INestedHttpResult
    {
        SituationMetrics.Write(entityType, (answer.Result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        return answer;
    }

    /// <summary>The entity's new state (201 with its address when created), or the problem the grain answered.</summary>
    public static Results<Ok<TView>, Created<TView>, ProblemHttpResult> Written<TView>(HttpContext context, WriteResult<TView> result, string entityType, string id)
        where TView : EntityView
    {
        context.Response.Headers[OutcomeHeader] = result.Outcome.ToString().ToLowerInvariant();
        return result.Outcome switch
        {
            WriteOutcome.NotFound => Problems.NotFound(entityType, id),
            WriteOutcome.AlreadyExists => Problems.AlreadyExists(entityType, id),
            WriteOutcome.Forbidden => Refusals.Forbidden(context, entityType, result.Owner),
            WriteOutcome.Created => TypedResults.Created($"{EntityTable.Of(entityType).ApiPath}/{id}", result.View),
            _ => TypedResults.Ok(result.View),
        };
    }

    /// <summary>
    /// One entity as its grain holds it, as the GeoJSON Feature a list carries for it (what a GIS opens,
    /// and what a write takes back unchanged), or 404.
    /// </summary>
    public static async Task<IResult> One(IGrainFactory grains, string entityType, string id) =>
        EntityId.IsValid(id) && await EntityGrains.Get(grains, entityType, id).GetView() is { } view
            ? new StreamedJson(stream =>
            {
                FeatureCollections.WriteFeature(stream.Writer, view);
                return Task.CompletedTask;
            })
            : Problems.NotFound(entityType, id);

    public static IResult Features(IEnumerable<EntityView> views) =>
        new StreamedJson(stream => FeatureCollections.Write(stream, views));
}
