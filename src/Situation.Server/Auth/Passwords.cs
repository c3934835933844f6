using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Situation.Contracts.Accounts;

namespace Situation.Server.Auth;

/// <summary>Passwords are kept only as salted hashes made by ASP.NET Core's password hasher (PBKDF2).</summary>
public sealed class Passwords
{
    public const int MinimumLength = 8;

    private readonly PasswordHasher<UserAccount> _hasher = new();

    /// <summary>
    /// A hash of nothing anyone knows, checked when the user does not exist so that a wrong name
    /// costs as long as a wrong password. Made at the first such sign-in, not at start-up, where
    /// its 40 ms of hashing would hold up every start.
    /// </summary>
    private readonly Lazy<string> _decoy;

    public Passwords() => _decoy = new(() => Hash(Generate()));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoy.Value, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>A password for people to type: 16 characters from an alphabet without look-alikes, about 80 bits.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
