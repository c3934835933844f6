namespace Situation.Tests.Infrastructure;

/// <summary>A clock that moves only when the test moves it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (this) _now += by;
    }
}
