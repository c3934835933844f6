namespace Situation.Server.Hosting;

public static class HostedSingletons
{
    /// <summary>
    /// Registers a service once, as a singleton others depend on, and runs it as a hosted service.
    /// The host is handed a forwarder, not the service itself: a factory returning the singleton
    /// would make the container own it twice and dispose it twice on a clean stop (the Redis
    /// backplane's second dispose crashed the node with exit 134).
    /// </summary>
    public static IServiceCollection AddHostedSingleton<TService>(this IServiceCollection services)
        where TService : class, IHostedService
    {
        services.AddSingleton<TService>();
        services.AddHostedService<Forwarder<TService>>();
        return services;
    }

    private sealed class Forwarder<TService>(TService service) : IHostedService where TService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => service.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
    }
}
