using System.Text.Json;
using Situation.Contracts.Directives;
using Situation.Contracts.Model;
using Situation.Server.Api;
using Situation.Server.Api.Input;
using Situation.Server.Api.Json;

namespace Situation.Server.Directives;

/// <summary>
/// A directive checked field by field, from the API or from a file of the demo data: every error
/// names its field as a path (<c>clauses[2].obligations[0].deadline</c>), so whoever wrote it finds it.
/// </summary>
public static class DirectiveInput
{
    /// <summary>Short, so that every obligation's id (directive, clause, organisation) stays a valid id.</summary>
    private const int MaxIdLength = 24;
    private const int MaxClauseIdLength = 10;
    private const int MaxParagraph = 4000;
    private const int MaxClauses = 200;

    public static Directive? Read(DirectiveRequest request, Check check)
    {
        var id = check.Id("id", request.Id);
        if (id is not null && id.Length > MaxIdLength) check.Reject("id", $"is longer than {MaxIdLength} characters");
        if (id == "clock") check.Reject("id", "'clock' names the directives' clock (GET /api/directives/clock)");
        var number = check.Text("number", request.Number);
        if (request.Date is null) check.Reject("date", "is required (YYYY-MM-DD)");
        var issuer = check.Text("issuer", request.Issuer);
        var subject = check.Text("subject", request.Subject, maxLength: MaxParagraph);
        var clauses = Clauses(request.Clauses, check);
        return check.Ok
            ? new Directive { Id = id!, Number = number!, Date = request.Date!.Value, Issuer = issuer!, Subject = subject!, Clauses = clauses }
            : null;
    }

    private static Clause[] Clauses(ClauseRequest?[]? clauses, Check check)
    {
        if (clauses is null || clauses.Length == 0)
        {
            check.Reject("clauses", "give at least one clause");
            return [];
        }
        if (clauses.Length > MaxClauses) check.Reject("clauses", $"at most {MaxClauses} clauses");
        var read = new List<Clause>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < clauses.Length; i++)
        {
            var field = $"clauses[{i}]";
            if (clauses[i] is not { } clause)
            {
                check.Reject(field, "is required");
                continue;
            }
            var id = check.Id($"{field}.id", clause.Id);
            if (id is not null && id.Length > MaxClauseIdLength) check.Reject($"{field}.id", $"is longer than {MaxClauseIdLength} characters");
            if (id is not null && !ids.Add(id)) check.Reject($"{field}.id", $"clause '{id}' is given twice");
            var text = check.Text($"{field}.text", clause.Text, maxLength: MaxParagraph);
            var textEn = check.Text($"{field}.textEn", clause.TextEn, required: false, maxLength: MaxParagraph);
            var obligations = Obligations(clause.Obligations, $"{field}.obligations", check);
            if (id is not null && text is not null)
                read.Add(new Clause { Id = id, Text = text, TextEn = textEn, Obligations = obligations });
        }
        return [.. read];
    }

    private static ClauseObligation[] Obligations(ClauseObligationRequest?[]? obligations, string field, Check check)
    {
        if (obligations is null || obligations.Length == 0)
        {
            check.Reject(field, "give at least one obligation");
            return [];
        }
        var read = new List<ClauseObligation>();
        var addressed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < obligations.Length; i++)
        {
            var at = $"{field}[{i}]";
            if (obligations[i] is not { } obligation)
            {
                check.Reject(at, "is required");
                continue;
            }
            var kind = check.Word($"{at}.kind", obligation.Kind, Words.ObligationKind.All);
            var cadence = check.Word($"{at}.cadence", obligation.Cadence, Words.Cadence.All);
            if (cadence == Words.Cadence.Once && obligation.Deadline is null)
                check.Reject($"{at}.deadline", "is required for the cadence 'once'");
            if (cadence is Words.Cadence.Daily or Words.Cadence.Continuous && obligation.Deadline is not null)
                check.Reject($"{at}.deadline", $"is only for the cadence 'once' (this one is '{cadence}')");
            var addressees = Addressees(obligation.Addressees, $"{at}.addressees", addressed, check);
            if (kind is not null && cadence is not null)
                read.Add(new ClauseObligation { Kind = kind, Cadence = cadence, Deadline = obligation.Deadline, Addressees = addressees });
        }
        return [.. read];
    }

    /// <summary>Codes or groups; an organisation may owe a clause only one thing, so none may be named twice in it.</summary>
    private static string[] Addressees(string?[]? addressees, string field, HashSet<string> addressedInClause, Check check)
    {
        if (addressees is null || addressees.Length == 0)
        {
            check.Reject(field, "name at least one organisation or group (districts, telecom, postal)");
            return [];
        }
        foreach (var addressee in addressees)
        {
            if (check.Id(field, addressee) is not { } code) return [];
            if (!addressedInClause.Add(code))
            {
                check.Reject(field, $"'{code}' is addressed twice in this clause");
                return [];
            }
        }
        return [.. addressees!];
    }

    /// <summary>
    /// A directive from a JSON file (the demo's letter 126), checked as the API checks one; a file
    /// that is not valid is refused with every error by field, and the platform does not start on it.
    /// </summary>
    public static Directive FromFile(string json, string name, Check check)
    {
        DirectiveRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<DirectiveRequest>(json, ApiJson.RequestOptions);
        }
        catch (JsonException error)
        {
            var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
            throw new InvalidDataException($"The directive file {name} is not valid: {field}: has the wrong type or is not JSON ({error.Message})");
        }
        if (request is null)
            throw new InvalidDataException($"The directive file {name} is not valid: body: must be a JSON object");
        return Read(request, check) ?? throw new InvalidDataException(
            $"The directive file {name} is not valid: {string.Join(" ", check.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}"))}");
    }
}
