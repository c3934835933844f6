using System.Net;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Security;

/// <summary>
/// The Orleans Dashboard is served only when configured (Situation:OrleansDashboard): it samples
/// Orleans' meters every second whether or not anyone looks. Served, it is for admins only
/// (ReadApiTests, on a server that turns it on).
/// </summary>
[Collection(SecurityServerCollection.Name)]
public sealed class OrleansDashboardTests(SecurityServer fixture)
{
    [Fact]
    public async Task The_Orleans_Dashboard_is_not_served_unless_configured()
    {
        using var page = await fixture.Server.Http.GetAsync("/dashboard/");
        using var counters = await fixture.Server.Http.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, counters.StatusCode);
    }
}
