using System.Text.RegularExpressions;

namespace Situation.Server.Api.Input;

/// <summary>A person's phone number and e-mail, as a contact point or a duty roster gives them.</summary>
public static partial class ContactInput
{
    [GeneratedRegex(@"^\+?[0-9][0-9 .()-]{5,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRule();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRule();

    /// <summary>Digits with the usual separators, so that a <c>tel:</c> link dials it.</summary>
    public static string? Phone(Check check, string field, string? value)
    {
        var phone = check.Text(field, value);
        if (phone is not null && !PhoneRule().IsMatch(phone))
            check.Reject(field, "is not a phone number (digits, spaces, '.', '-', '(', ')', an optional leading '+')");
        return phone;
    }

    public static string? Email(Check check, string field, string? value)
    {
        var email = check.Text(field, value, required: false);
        if (email is not null && !EmailRule().IsMatch(email))
            check.Reject(field, "is not an e-mail address");
        return email;
    }
}
