using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Situation.Server.Hosting;

/// <summary>
/// Closes the grain layer in cluster mode: every silo link (and the gateway, when one is open) is
/// mutual TLS with the one cluster certificate. A peer is admitted only when it presents that same
/// certificate — no certificate authority to trust, nothing to spoof by name — so an Orleans client
/// or a would-be silo without the certificate's private key cannot call a grain.
/// </summary>
public static class ClusterCertificate
{
    public static X509Certificate2 Load(ClusterLinkOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Certificate))
            throw new InvalidOperationException(
                "Cluster mode needs Situation:Cluster:Certificate, a PKCS#12 (.pfx) file with its private key, the same on every node (scripts/cluster.sh makes one)");
        if (!File.Exists(options.Certificate))
            throw new InvalidOperationException($"Situation:Cluster:Certificate: no file at {options.Certificate}");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Certificate, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"Situation:Cluster:Certificate: {options.Certificate} cannot be read ({e.Message}); is Situation:Cluster:CertificatePassword right?", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Situation:Cluster:Certificate: {options.Certificate} has no private key");
        return certificate;
    }

    /// <summary>Mutual TLS pinned to <paramref name="certificate"/>, both ways.</summary>
    public static void Apply(TlsOptions tls, X509Certificate2 certificate)
    {
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        var pinned = certificate.GetCertHash(HashAlgorithmName.SHA256);
        // The chain of a self-signed certificate is "untrusted" and its name is not the peer's
        // address: neither matters when the peer must hold this exact certificate.
        tls.RemoteCertificateValidation = (remote, _, _) =>
            CryptographicOperations.FixedTimeEquals(remote.GetCertHash(HashAlgorithmName.SHA256), pinned);
    }
}
