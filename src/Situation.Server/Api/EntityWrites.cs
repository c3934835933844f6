using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Grains;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Server.Api.Input;

namespace Situation.Server.Api;

/// <summary>A checked command, ready for the grain of the entity it names.</summary>
public sealed record EntityWrite<TGrain, TView>(string Id, Func<TGrain, Actor, Task<WriteResult<TView>>> Send)
    where TGrain : IEntityGrain where TView : EntityView;

/// <summary>
/// The one write path of the entity API: read the body, check it, send one command to the entity's
/// grain with the caller as its actor (the grain applies who may write what, in the turn that
/// writes), answer what became of it. A handler only says how its request becomes a command.
/// </summary>
public static class EntityWrites
{
    /// <param name="prepare">
    /// The command for a request, checking each field on <paramref name="check"/>. When a check
    /// failed, the check's problem is the answer and the command (or null) is never sent.
    /// </param>
    public static async Task<Results<Ok<TView>, Created<TView>, ProblemHttpResult>> Apply<TRequest, TGrain, TView>(
        HttpContext context, Check check, string entityType, Func<TRequest, EntityWrite<TGrain, TView>?> prepare)
        where TRequest : class where TGrain : IEntityGrain where TView : EntityView =>
        Answers.Counted(entityType, await Answer(context, check, entityType, prepare));

    private static async Task<Results<Ok<TView>, Created<TView>, ProblemHttpResult>> Answer<TRequest, TGrain, TView>(
        HttpContext context, Check check, string entityType, Func<TRequest, EntityWrite<TGrain, TView>?> prepare)
        where TRequest : class where TGrain : IEntityGrain where TView : EntityView
    {
        var body = await JsonBody.Read<TRequest>(context);
        if (body.Problem is { } unreadable)
            return unreadable;
        var write = prepare(body.Value!);
        if (check.Problem is { } invalid)
            return invalid;
        if (write is null)
            throw new InvalidOperationException($"A {entityType} request passed its checks but made no command.");
        // An id from the path is checked only here: a malformed one names no entity.
        if (!EntityId.IsValid(write.Id))
            return Problems.NotFound(entityType, write.Id);

        var grain = context.RequestServices.GetRequiredService<IGrainFactory>().Get<TGrain>(entityType, write.Id);
        return Answers.Written(context, await write.Send(grain, Refusals.ActorOf(context)), entityType, write.Id);
    }
}
