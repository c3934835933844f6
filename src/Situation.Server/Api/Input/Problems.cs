using Microsoft.AspNetCore.Http.HttpResults;

namespace Situation.Server.Api.Input;

/// <summary>The problem+json answers of the API (RFC 9457), each saying what was wrong and where.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string entityType, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"No {entityType} '{id}'",
        detail: $"There is no {entityType} with id '{id}'.");

    public static ProblemHttpResult AlreadyExists(string entityType, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: $"The {entityType} '{id}' already exists",
        detail: $"Use PUT to change an existing {entityType}.");

    public static ProblemHttpResult Invalid(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, status);

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, int status) => TypedResults.Problem(
        new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = status == StatusCodes.Status422UnprocessableEntity ? "The request is well formed but cannot be applied" : "The request is not valid",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}")),
        });

    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large",
        detail: $"Bodies are limited to {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON",
        detail: "Send Content-Type: application/json (or application/geo+json).");
}
