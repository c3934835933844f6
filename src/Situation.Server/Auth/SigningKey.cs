using Microsoft.IdentityModel.Tokens;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// The key that signs and checks tokens (HMAC-SHA256). Configured in cluster mode, where every node
/// must check the tokens every other node issued. In the embedded default it is 256 random bits
/// generated on the first start into <c>signing.key</c> in the data folder, readable by the
/// server's own user only.
/// </summary>
public sealed class SigningKey
{
    public const string FileName = "signing.key";
    private const int MinimumBytes = 32;

    public SymmetricSecurityKey Key { get; }

    public SigningKey(byte[] secret)
    {
        if (secret.Length < MinimumBytes)
            throw new InvalidOperationException($"The token signing key must be at least {MinimumBytes} bytes");
        Key = new SymmetricSecurityKey(secret);
    }

    public static SigningKey Resolve(SituationOptions options, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(options.Auth.SigningKey))
            return new SigningKey(Decode(options.Auth.SigningKey));
        if (options.IsCluster)
            throw new InvalidOperationException(
                "Cluster mode needs Situation:Auth:SigningKey (base64, at least 32 bytes), the same on every node");
        return new SigningKey(LoadOrCreate(Path.Combine(dataDir, FileName)));
    }

    private static byte[] Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Situation:Auth:SigningKey is not base64");
        }
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
            return Decode(File.ReadAllText(path));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinimumBytes);
        // Created with owner-only permissions from the start, and moved into place whole.
        var temporary = path + ".new";
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, file))
            writer.Write(Convert.ToBase64String(secret));
        File.Move(temporary, path, overwrite: false);
        return secret;
    }
}
