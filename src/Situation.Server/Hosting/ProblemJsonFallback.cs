using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Situation.Server.Api.Json;

namespace Situation.Server.Hosting;

/// <summary>
/// Writes a problem as application/problem+json when the default writer will not because the
/// request's Accept header names no JSON type (or cannot be read): a refusal must still say what
/// was wrong, whatever the caller claimed to accept. Registered after the default writer, which
/// answers every request it can.
/// </summary>
public sealed class ProblemJsonFallback(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.HttpContext.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, ApiJson.Options, "application/problem+json"));
    }
}
