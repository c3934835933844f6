using Situation.Tests.Infrastructure;

namespace Situation.Tests.Api;

/// <summary>
/// A server in a process of its own for the tests that read /metrics. Meters are matched by name
/// across a process: in the test process, every in-process server's meter provider also takes in
/// the instruments of the others' (ASP.NET Core's, the Orleans copies in seconds) under the same
/// names, and when one of those servers stops, a series it had taken from it can vanish from another's
/// page. A process with one host in it, as in production, scrapes only its own.
/// </summary>
public sealed class MetricsServer() : ServerFixture("metrics");
