using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Situation.Tests.Infrastructure;

namespace Situation.Tests.Storage;

/// <summary>A state shaped like ours: text in Vietnamese, numbers, a list.</summary>
public sealed class ContractState
{
    public string Text { get; set; } = "";
    public long Number { get; set; }
    public List<string> Items { get; set; } = [];
}

/// <summary>
/// What Orleans expects of any grain storage, proved the same way against each of ours: grains must
/// not be able to tell which storage they run on.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    protected const string Name = "contract";

    private IHost _host = null!;

    protected IGrainStorage Storage { get; private set; } = null!;

    protected abstract Task AddStorage(ISiloBuilder silo);

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        var configure = new List<Func<ISiloBuilder, Task>>();
        ISiloBuilder? siloBuilder = null;
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            silo.UseSystemTextJsonGrainStorageSerializer();
            siloBuilder = silo;
        });
        await AddStorage(siloBuilder!);
        _host = builder.Build();
        await _host.StartAsync();
        Storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(Name);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static GrainId NewGrain() => GrainId.Create("site", $"site/{Guid.NewGuid():N}");

    private async Task<GrainState<ContractState>> Read(GrainId grain, string stateName = "site")
    {
        var state = new GrainState<ContractState>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private async Task<GrainState<ContractState>> Write(GrainId grain, string text, string? etag, string stateName = "site")
    {
        var state = new GrainState<ContractState>(new ContractState { Text = text, Number = text.Length, Items = [text] }) { ETag = etag };
        await Storage.WriteStateAsync(stateName, grain, state);
        return state;
    }

    [Fact]
    public async Task Reading_a_grain_never_written_gives_a_fresh_state_and_no_record()
    {
        var state = await Read(NewGrain());

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal("", state.State!.Text);
    }

    [Fact]
    public async Task What_is_written_reads_back_the_same()
    {
        var grain = NewGrain();
        var big = string.Concat(Enumerable.Repeat("Trạm BTS Chư Păh mất điện lưới; ", 20_000));

        var written = await Write(grain, big, etag: null);
        var read = await Read(grain);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(big, read.State!.Text);
        Assert.Equal(big.Length, read.State!.Number);
        Assert.Equal([big], read.State!.Items);
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_moves_the_etag()
    {
        var grain = NewGrain();
        var first = await Write(grain, "một", etag: null);

        var second = await Write(grain, "hai", first.ETag);

        Assert.NotNull(second.ETag);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("hai", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var grain = NewGrain();
        var first = await Write(grain, "một", etag: null);
        await Write(grain, "hai", first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(grain, "ba", first.ETag));
        Assert.Equal("hai", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task A_first_write_for_a_grain_that_already_has_a_record_is_refused()
    {
        var grain = NewGrain();
        await Write(grain, "một", etag: null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Write(grain, "khác", etag: null));
        Assert.Equal("một", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task Of_two_writers_holding_the_same_etag_exactly_one_wins()
    {
        var grain = NewGrain();
        var first = await Write(grain, "gốc", etag: null);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Write(grain, $"người viết {i}", first.ETag);
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        }));

        var winner = Assert.Single(attempts, a => a >= 0);
        Assert.Equal($"người viết {winner}", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task Clearing_forgets_the_state_and_a_write_with_the_etag_it_left_succeeds()
    {
        var grain = NewGrain();
        var written = await Write(grain, "một", etag: null);
        var cleared = new GrainState<ContractState>(written.State) { ETag = written.ETag, RecordExists = true };

        await Storage.ClearStateAsync("site", grain, cleared);
        var afterClear = await Read(grain);
        await Write(grain, "mới", cleared.ETag);

        Assert.False(cleared.RecordExists);
        Assert.Equal("", cleared.State!.Text);
        Assert.False(afterClear.RecordExists);
        Assert.Equal("", afterClear.State!.Text);
        Assert.Equal("mới", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused()
    {
        var grain = NewGrain();
        var first = await Write(grain, "một", etag: null);
        await Write(grain, "hai", first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.ClearStateAsync("site", grain, new GrainState<ContractState>(new ContractState()) { ETag = first.ETag }));
        Assert.Equal("hai", (await Read(grain)).State!.Text);
    }

    [Fact]
    public async Task State_names_and_keys_that_look_alike_never_share_a_row()
    {
        var leadingZero = GrainId.Create("site", "site/020235");
        var noZero = GrainId.Create("site", "site/20235");
        var suffix = Guid.NewGuid().ToString("N")[..8];

        await Write(leadingZero, "có số 0", etag: null, stateName: $"a{suffix}");
        await Write(noZero, "không số 0", etag: null, stateName: $"a{suffix}");
        await Write(leadingZero, "tên khác", etag: null, stateName: $"b{suffix}");

        Assert.Equal("có số 0", (await Read(leadingZero, $"a{suffix}")).State!.Text);
        Assert.Equal("không số 0", (await Read(noZero, $"a{suffix}")).State!.Text);
        Assert.Equal("tên khác", (await Read(leadingZero, $"b{suffix}")).State!.Text);
    }
}
