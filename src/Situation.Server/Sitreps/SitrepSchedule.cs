using Microsoft.Extensions.Options;
using Situation.Contracts.History;
using Situation.Contracts.Reports;
using Situation.Server.History;

namespace Situation.Server.Sitreps;

/// <summary>
/// Makes the previous day's report once the configured time of day has passed on Gia Lai's clock,
/// once a day (a node that starts later the same day makes it then), unless nothing was recorded
/// before the day ended. Every node runs it; the store keeps one scheduled report a period.
/// </summary>
public sealed class SitrepSchedule(SitrepMaker sitreps, ISitrepStore store, IHistoryStore history, TimeProvider clock, IOptions<SitrepOptions> options, ILogger<SitrepSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DailyAt is not { } dailyAt)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MakeDue(dailyAt, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "The daily situation report could not be made; trying again in a minute");
            }
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }

    /// <summary>Makes yesterday's report if it is due and not made; answers it when it made it.</summary>
    public async Task<StoredSitrep?> MakeDue(TimeSpan dailyAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var period = SitrepMaker.Yesterday(now);
        if (now < period.To + dailyAt || await store.HasScheduled(period.From, period.To))
            return null;
        // A day before anything was recorded (the first start was today) has nothing to report.
        if (await history.Earliest(HistorySnapshots.EntityTypes) is not { } first || first >= period.To)
            return null;
        var made = await sitreps.Make(period, "schedule", scheduled: true, cancellationToken);
        if (made is not null)
            logger.LogInformation("Situation report {Number} made for {From:O} – {To:O}", made.Number, period.From, period.To);
        return made;
    }
}
