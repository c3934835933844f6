namespace Situation.Server.Api;

/// <summary>A CSV cell that a person will open in a spreadsheet (the audit trail, the situation report).</summary>
public static class SpreadsheetCell
{
    /// <summary>Quoted as RFC 4180 asks; a leading formula character is defused so a spreadsheet shows the text and runs nothing.</summary>
    public static string Of(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return '"' + value.Replace("\"", "\"\"") + '"';
    }
}
