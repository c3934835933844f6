using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Situation.Tests.Infrastructure;

/// <summary>Cluster certificates for test clusters: self-signed, made once per test run, as an operator would with openssl.</summary>
public static class TestCertificates
{
    public const string Password = "test-cluster-pfx";

    private static readonly Lazy<string> Cluster = new(() => Write("cluster"));

    /// <summary>The PKCS#12 file every node of a test cluster is given.</summary>
    public static string ClusterPfx => Cluster.Value;

    /// <summary>A certificate of the same shape that is not the cluster's: what an intruder could make.</summary>
    public static X509Certificate2 Stranger() => Make("situation-cluster");

    public static X509Certificate2 LoadCluster() => X509CertificateLoader.LoadPkcs12FromFile(ClusterPfx, Password);

    private static string Write(string name)
    {
        using var certificate = Make("situation-cluster");
        var path = Path.Combine(Path.GetTempPath(), $"situation-{name}-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static X509Certificate2 Make(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Through PKCS#12, so the private key is usable by TLS as a loaded file's would be.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, Password), Password);
    }
}
