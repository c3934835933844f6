using Microsoft.AspNetCore.Http.HttpResults;
using Situation.Contracts.Directives;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Directives;

namespace Situation.Server.Api;

/// <summary>The directives' time, and so what a client counts deadlines down from.</summary>
public sealed record DirectivesClock(DateTimeOffset Now);

/// <summary>Directives as data: an administrator of the DIC adds one, or replaces it, without code.</summary>
public static class DirectivesApi
{
    private const string What = "directive";

    public static void MapDirectivesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directives").WithTags("Directives");

        // Before /{id}: a literal segment is matched first, and no directive may be called "clock".
        api.MapGet("/clock", Clock).WithName("DirectivesClock").WithSummary("The time on the directives' clock, which deadlines are judged by (a demo runs it \"as of\" a day of 2021)");
        api.MapGet("/", List).WithName("ListDirectives").WithSummary("The directives in force, with their clauses and what each asks of whom");
        api.MapGet("/{id}", Get).WithName("GetDirective").WithSummary("One directive");
        api.MapPost("/", Create)
            .Accepts<DirectiveRequest>("application/json")
            .AnswersConflict("A directive with that id exists already.").WithName("CreateDirective").WithSummary("Add a directive (administrators): each clause becomes an obligation per addressee");
        api.MapPut("/{id}", Replace)
            .Accepts<DirectiveRequest>("application/json")
            .WithName("ReplaceDirective").WithSummary("Replace a directive's text and clauses (administrators); evidence already sent stays with its obligation");
    }

    private static async Task<Ok<DirectivesClock>> Clock(IGrainFactory grains) =>
        TypedResults.Ok(new DirectivesClock(await grains.Compliance().Now()));

    private static async Task<Ok<ItemList<Directive>>> List(IGrainFactory grains) =>
        TypedResults.Ok(new ItemList<Directive>(await grains.Compliance().Directives()));

    private static async Task<Results<Ok<Directive>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        (await grains.Compliance().Directives()).FirstOrDefault(d => d.Id == id) is { } directive ? TypedResults.Ok(directive) : Problems.NotFound(What, id);

    private static Task<Results<Ok<Directive>, Created<Directive>, ProblemHttpResult>> Create(HttpContext context, IGrainFactory grains, Check check) =>
        Save(context, grains, check, pathId: null);

    private static Task<Results<Ok<Directive>, Created<Directive>, ProblemHttpResult>> Replace(string id, HttpContext context, IGrainFactory grains, Check check) =>
        Save(context, grains, check, pathId: id);

    private static async Task<Results<Ok<Directive>, Created<Directive>, ProblemHttpResult>> Save(HttpContext context, IGrainFactory grains, Check check, string? pathId)
    {
        var body = await JsonBody.Read<DirectiveRequest>(context);
        if (body.Problem is { } unreadable) return unreadable;
        var directive = DirectiveInput.Read(body.Value!, check);
        if (check.Problem is { } invalid) return invalid;
        if (pathId is not null && directive!.Id != pathId)
            return Problems.Invalid("id", $"is '{directive.Id}', but the path names '{pathId}'", StatusCodes.Status422UnprocessableEntity);
        // An addressee is a group of organisations or one that exists: a misspelt one would owe nothing, unnoticed.
        var known = (await grains.Compliance().Organisations()).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (clause, c) in directive!.Clauses.Select((clause, c) => (clause, c)))
            foreach (var (obligation, o) in clause.Obligations.Select((obligation, o) => (obligation, o)))
                if (obligation.Addressees.FirstOrDefault(a => !Words.OrganisationKind.Groups.ContainsKey(a) && !known.Contains(a)) is { } unknown)
                    return Problems.Invalid($"clauses[{c}].obligations[{o}].addressees", $"there is no organisation '{unknown}' (register it first, or name a group: {string.Join(", ", Words.OrganisationKind.Groups.Keys)})",
                        StatusCodes.Status422UnprocessableEntity);
        var result = await grains.Compliance().SaveDirective(directive!, create: pathId is null, Refusals.ActorOf(context));
        return DirectiveAnswers.Written(context, result, What, directive!.Id, $"/api/directives/{directive.Id}");
    }
}
