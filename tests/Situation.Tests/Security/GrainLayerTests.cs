using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Runtime.Messaging;
using Situation.Contracts.Accounts;
using Situation.Server.Hosting;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// The grain layer is closed (issue 13 item 3): nobody reaches a grain except through the API's
/// rules. An Orleans client that could connect could read a password hash or write with a made-up
/// actor, so the embedded default opens no Orleans port to the outside at all, and a cluster admits
/// only peers holding the cluster certificate.
/// </summary>
public sealed class GrainLayerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_embedded_default_listens_only_on_loopback_for_its_web_port_and_its_own_silo()
    {
        var dir = Paths.NewTempDir("closed-embedded");
        try
        {
            await using var server = await ServerProcess.Start(dir);
            var listening = ListeningSockets.Of(server.ProcessId);

            Assert.All(listening, endpoint => Assert.True(IPAddress.IsLoopback(endpoint.Address), $"listens on {endpoint}"));
            // The web port and the silo's own port: no gateway.
            Assert.Contains(listening, endpoint => endpoint.Port == server.BaseAddress.Port);
            Assert.Equal(2, listening.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task In_a_cluster_only_a_client_holding_the_cluster_certificate_can_call_a_grain()
    {
        var database = await TestPostgres.CreateDatabase("closed");
        var gatewayPort = FreePorts.Next();
        var dir = Paths.NewTempDir("closed-cluster");
        try
        {
            await using var node = await ServerProcess.Start(dir, new Dictionary<string, string?>
            {
                ["Situation:Mode"] = "cluster",
                ["ConnectionStrings:Postgres"] = database,
                ["Situation:SiloPort"] = FreePorts.Next().ToString(),
                // Opened on purpose, to show that even an open gateway admits no stranger.
                ["Situation:GatewayPort"] = gatewayPort.ToString(),
            });

            // Without TLS, and with a certificate of the right name that is not the cluster's.
            await Assert.ThrowsAsync<ConnectionFailedException>(() => ReadAdminAccount(gatewayPort, _ => { }));
            using var stranger = TestCertificates.Stranger();
            await Assert.ThrowsAsync<ConnectionFailedException>(() => ReadAdminAccount(gatewayPort,
                client => client.UseTls(stranger, tls => tls.AllowAnyRemoteCertificate())));

            // The control: a tool given the cluster certificate is let in, so the refusals above
            // are the certificate's doing, not a gateway that admits nobody.
            using var cluster = TestCertificates.LoadCluster();
            var account = await ReadAdminAccount(gatewayPort, client => client.UseTls(tls => ClusterCertificate.Apply(tls, cluster)));
            Assert.Equal("admin", account?.Username);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<UserAccount?> ReadAdminAccount(int gatewayPort, Action<IClientBuilder> secure)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("situation", "situation"));
                // One attempt: a refusal is an answer, not something to wait out.
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                secure(client);
            })
            .Build();
        using var deadline = new CancellationTokenSource(Bound);
        await host.StartAsync(deadline.Token);
        try
        {
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>("admin").Get().WaitAsync(deadline.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
