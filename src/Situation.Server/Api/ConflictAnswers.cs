namespace Situation.Server.Api;

/// <summary>Why an operation may answer 409: what its API description says of that answer.</summary>
public sealed record ConflictAnswer(string Why);

public static class ConflictAnswers
{
    /// <summary>The operation may answer 409 problem+json, for the reason given (the API description lists it).</summary>
    public static RouteHandlerBuilder AnswersConflict(this RouteHandlerBuilder endpoint, string why) => endpoint.WithMetadata(new ConflictAnswer(why));
}
