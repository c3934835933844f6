namespace Situation.Grains.Live;

/// <summary>
/// The batching edge on each silo: grains hand it every accepted change and return at once; it
/// coalesces and pushes them to the connected dashboards on its own schedule.
/// </summary>
public interface IChangeFeed
{
    void Publish(LiveChange change);
}
