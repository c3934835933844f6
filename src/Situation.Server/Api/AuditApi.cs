using System.Globalization;
using System.Text;
using System.Text.Json;
using Situation.Contracts.Audit;
using Situation.Contracts.Model;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;
using Situation.Server.Auth;

namespace Situation.Server.Api;

/// <summary>The audit trail for leaders and admins: every accepted change, filtered and paged, or as CSV.</summary>
public static class AuditApi
{
    private const int MaxPage = 1000;
    private const int MaxExportRows = 1_000_000;

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api").WithTags("Audit").RequireAuthorization(AuthSetup.LeadersPolicy);

        audit.MapGet("/audit", async (HttpContext context, IAuditLog log) =>
            {
                if (Parse(context.Request.Query, out var query) is { } invalid) return invalid;
                var page = await log.Query(query, context.RequestAborted);
                return Results.Json(new { items = page.Items.Select(Item), next = page.Next?.ToString(CultureInfo.InvariantCulture) }, ApiJson.Options);
            })
            .WithName("Audit")
            .WithSummary("Accepted changes, newest first. Filters: entity (type/id), user, from, to; page with limit and before=<next>");

        audit.MapGet("/audit.csv", async (HttpContext context, IAuditLog log) =>
            {
                if (Parse(context.Request.Query, out var query) is { } invalid) return invalid;
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                    await writer.WriteLineAsync("seq,at,actor,entityType,entityId,version,action,before,after");
                    var rows = 0;
                    var cursor = query with { Limit = MaxPage };
                    while (rows < MaxExportRows)
                    {
                        var page = await log.Query(cursor, context.RequestAborted);
                        foreach (var r in page.Items)
                            await writer.WriteLineAsync(string.Join(',', r.Seq.ToString(CultureInfo.InvariantCulture), r.At.ToString("O", CultureInfo.InvariantCulture),
                                SpreadsheetCell.Of(r.Actor), SpreadsheetCell.Of(r.EntityType), SpreadsheetCell.Of(r.EntityId), r.Version.ToString(CultureInfo.InvariantCulture), SpreadsheetCell.Of(r.Action), SpreadsheetCell.Of(r.Before), SpreadsheetCell.Of(r.After)));
                        rows += page.Items.Count;
                        if (page.Next is null) break;
                        cursor = cursor with { Before = page.Next };
                    }
                }, "text/csv; charset=utf-8", $"situation-audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
            })
            .WithName("AuditCsv").WithSummary("The audit trail as CSV, with the same filters");
    }

    private static object Item(AuditRecord r) => new
    {
        seq = r.Seq, at = r.At, actor = r.Actor, entityType = r.EntityType, entityId = r.EntityId, version = r.Version, action = r.Action,
        before = Raw(r.Before), after = Raw(r.After),
    };

    private static JsonElement? Raw(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static IResult? Parse(IQueryCollection q, out AuditQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        string? type = null, id = null;
        if (q["entity"].ToString() is { Length: > 0 } entity)
        {
            var slash = entity.IndexOf('/');
            if (slash <= 0 || !EntityId.IsValid(entity[(slash + 1)..]) || !EntityId.IsValid(entity[..slash]))
                errors["entity"] = ["write it as <type>/<id>, e.g. site/bts-0001"];
            else
                (type, id) = (entity[..slash], entity[(slash + 1)..]);
        }
        var user = q["user"].ToString() is { Length: > 0 } u ? u : null;
        if (user is not null && user.Length > 200) errors["user"] = ["is too long"];
        var from = Time(q, "from", errors);
        var to = Time(q, "to", errors);
        long? before = null;
        if (q["before"].ToString() is { Length: > 0 } b)
        {
            if (long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0) before = seq;
            else errors["before"] = ["must be the 'next' value of a previous page"];
        }
        var limit = 100;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPage))
            errors["limit"] = [$"must be a whole number from 1 to {MaxPage}"];
        query = new AuditQuery(type, id, user, from, to, before, limit);
        return errors.Count == 0 ? null : Problems.Invalid(errors, StatusCodes.Status400BadRequest);
    }

    private static DateTimeOffset? Time(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        if (q[name].ToString() is not { Length: > 0 } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        errors[name] = ["must be an ISO 8601 time, e.g. 2021-01-28T08:00:00Z"];
        return null;
    }
}
