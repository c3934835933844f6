using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Directives;
using Situation.Contracts.Grains;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>What became of a write to an organisation, a directive or an obligation, as the entity API answers its own.</summary>
public static class DirectiveAnswers
{
    public static Results<Ok<T>, Created<T>, ProblemHttpResult> Written<T>(HttpContext context, DirectiveWrite<T> result, string what, string id, string location,
        string? owner = null, string? conflict = null) where T : class
    {
        context.Response.Headers[Answers.OutcomeHeader] = result.Outcome.ToString().ToLowerInvariant();
        return result.Outcome switch
        {
            WriteOutcome.NotFound => Problems.NotFound(what, id),
            WriteOutcome.AlreadyExists => Problems.AlreadyExists(what, id),
            WriteOutcome.Forbidden => Refusals.Forbidden(context, what, owner),
            WriteOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The {what} '{id}' does not take this", detail: conflict),
            WriteOutcome.Created => TypedResults.Created(location, result.View),
            _ => TypedResults.Ok(result.View!),
        };
    }

    public static IComplianceGrain Compliance(this IGrainFactory grains) => grains.GetGrain<IComplianceGrain>(IComplianceGrain.Key);
}
