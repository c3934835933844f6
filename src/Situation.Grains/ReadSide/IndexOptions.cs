namespace Situation.Grains.ReadSide;

/// <summary>How the read-side indexes rebuild (section <c>Situation:Indexes</c>).</summary>
public sealed class IndexOptions
{
    /// <summary>
    /// After an index reads its members back from the storage, a member's next Put of the same
    /// version is still pushed to the dashboards for this long: its grain had stored it but not yet
    /// published it when the index went away.
    /// </summary>
    public TimeSpan RebuildEchoWindow { get; set; } = TimeSpan.FromSeconds(30);
}
