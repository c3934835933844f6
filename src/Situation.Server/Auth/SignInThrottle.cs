using System.Collections.Concurrent;
using System.Net;
using Situation.Server.Hosting;

namespace Situation.Server.Auth;

/// <summary>
/// Slows password guessing without handing anyone a way to lock others out. Failed sign-ins are
/// counted for the name from this address, for the address (all names: spraying) and for the name
/// (all addresses: a distributed guess); past a few free failures each tally makes the next attempt
/// wait, twice as long per failure, up to a ceiling. Nothing is a hard lock: the person whose name
/// is being guessed from elsewhere waits at most the name's short ceiling, and not at all from their
/// own address once the name's tally is quiet. Names are tallied alike whether or not an account
/// has them, so the answers never tell which exist. Per node and in memory: a restart forgets.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, SignInOptions options)
{
    private enum Scope { NameFromAddress, Address, Name }

    private sealed class Tally
    {
        public int Failures;
        public DateTimeOffset LastAttempt;
    }

    private readonly ConcurrentDictionary<(Scope, string), Tally> _tallies = new();
    private long _attempts;

    /// <summary>Why and how long the caller must wait, or null if it may try now; a try is counted as a failure until <see cref="Succeeded"/>.</summary>
    public (TimeSpan Wait, string Reason)? TryAttempt(string username, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _attempts) % 1024 == 0)
            Forget(now);
        var keys = Keys(username, address);
        lock (_tallies)
        {
            var tallies = keys.Select(k => (Scope: k.Item1, Tally: Current(k.Item1, k.Item2, now))).ToArray();
            (TimeSpan Wait, string Reason)? longest = null;
            foreach (var (scope, tally) in tallies)
            {
                var wait = tally.LastAttempt + Delay(scope, tally.Failures) - now;
                if (wait > TimeSpan.Zero && (longest is null || wait > longest.Value.Wait))
                    longest = (wait, Reason(scope));
            }
            if (longest is not null)
                return longest;
            // Counted before the password is checked, so a thousand guesses sent at once meet the
            // wait as surely as a thousand sent one after the other.
            foreach (var (_, tally) in tallies)
            {
                tally.Failures++;
                tally.LastAttempt = now;
            }
            return null;
        }
    }

    /// <summary>The right password: the name from this address starts afresh, and the try leaves the other tallies as it found them.</summary>
    public void Succeeded(string username, IPAddress? address)
    {
        lock (_tallies)
            foreach (var (scope, key) in Keys(username, address))
            {
                if (scope == Scope.NameFromAddress)
                    _tallies.TryRemove((scope, key), out _);
                else if (_tallies.TryGetValue((scope, key), out var tally) && tally.Failures > 0)
                    tally.Failures--;
            }
    }

    private static (Scope, string)[] Keys(string username, IPAddress? address)
    {
        var name = username.ToLowerInvariant();
        var from = address?.ToString() ?? "unknown";
        return [(Scope.NameFromAddress, name + "\n" + from), (Scope.Address, from), (Scope.Name, name)];
    }

    private Tally Current(Scope scope, string key, DateTimeOffset now)
    {
        var tally = _tallies.GetOrAdd((scope, key), _ => new Tally());
        // A quiet spell forgives: a tally restarts once its last try is long enough ago.
        if (tally.Failures > 0 && now - tally.LastAttempt >= options.ForgetAfter)
            tally.Failures = 0;
        return tally;
    }

    /// <summary>How long after the last try the next may come, given the failures counted so far.</summary>
    private TimeSpan Delay(Scope scope, int failures)
    {
        var (free, ceiling) = scope switch
        {
            Scope.NameFromAddress => (options.FreeFailures, options.LongestWait),
            Scope.Address => (options.FreeFailuresPerAddress, options.LongestWait),
            _ => (options.FreeFailuresPerName, options.LongestWaitPerName),
        };
        if (failures < free)
            return TimeSpan.Zero;
        var doublings = Math.Min(failures - free, 30);
        var wait = options.FirstWait * Math.Pow(2, doublings);
        return wait < ceiling ? wait : ceiling;
    }

    private static string Reason(Scope scope) => scope switch
    {
        Scope.NameFromAddress => "Too many wrong passwords for this name from here",
        Scope.Address => "Too many wrong passwords from this address",
        _ => "Too many wrong passwords for this name",
    };

    private void Forget(DateTimeOffset now)
    {
        lock (_tallies)
            foreach (var (key, tally) in _tallies)
                if (now - tally.LastAttempt >= options.ForgetAfter)
                    _tallies.TryRemove(key, out _);
    }
}
