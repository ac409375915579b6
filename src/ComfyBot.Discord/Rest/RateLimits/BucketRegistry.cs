namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// Maps routes to buckets. A route starts on a private bucket of its own; once a response names its hash, the
/// route (and every later route with the same template and major value) uses the bucket of
/// <see cref="BucketKey"/>(hash, major), which several routes may share.
/// </summary>
internal sealed class BucketRegistry(TimeProvider time)
{
    // Buckets idle this long are forgotten.
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    // Interaction tokens make a new major value per interaction, and most interactions send one callback and are
    // done: keeping each one's bucket for IdleLifetime held ~500 bytes per interaction (3,200 buckets after 3,200
    // /queue answers). A webhook-token bucket idle for a prune interval whose window is over is forgotten at once.
    private const string WebhookMajorPrefix = "webhook:";

    private readonly Lock _gate = new();
    private readonly Dictionary<Route, RateLimitBucket> _byRoute = [];
    private readonly Dictionary<BucketKey, RateLimitBucket> _byKey = [];
    private readonly Dictionary<RouteTemplate, string> _hashes = [];
    private DateTimeOffset _lastPrune = time.GetUtcNow();

    /// <summary>How many buckets are tracked (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byRoute.Values.Distinct().Count();
            }
        }
    }

    /// <summary>Waits until <paramref name="route"/> may send; returns the bucket to complete afterwards.</summary>
    public async ValueTask<RateLimitBucket> AcquireAsync(Route route, CancellationToken cancellationToken)
    {
        while (true)
        {
            var bucket = Resolve(route);
            if (await bucket.AcquireAsync(cancellationToken))
            {
                return bucket;
            }
        }
    }

    /// <summary>Records a response: learns the route's hash, moves it to a shared bucket if needed, updates the bucket.</summary>
    public void Complete(Route route, RateLimitBucket used, RateLimitHeaders headers, bool answered)
    {
        var target = used;
        var retireUsed = false;
        if (headers.Bucket is { } hash)
        {
            lock (_gate)
            {
                _hashes[route.TemplateKey] = hash;
                var key = new BucketKey(hash, route.MajorParameter);
                if (_byKey.TryGetValue(key, out var shared))
                {
                    target = shared;
                }
                else
                {
                    _byKey[key] = used;
                }

                _byRoute[route] = target;
                // A private bucket whose route now lives in a shared one is dead; one still registered under
                // another hash may serve other routes and must stay.
                retireUsed = target != used && !_byKey.ContainsValue(used);
            }
        }

        used.Release();
        if (target != used)
        {
            target.Update(headers, answered);
            if (retireUsed)
            {
                used.Retire();
            }
        }
        else
        {
            used.Update(headers, answered);
        }

        if (answered && IsWebhook(route.MajorParameter))
        {
            ForgetIfOpen(route, target);
        }
    }

    /// <summary>A 429 for the route's bucket: it sends nothing until <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(Route route, TimeSpan retryAfter) => Resolve(route).Pause(retryAfter);

    private RateLimitBucket Resolve(Route route)
    {
        lock (_gate)
        {
            PruneIfDue();
            if (_byRoute.TryGetValue(route, out var bucket))
            {
                return bucket;
            }

            if (_hashes.TryGetValue(route.TemplateKey, out var hash))
            {
                var key = new BucketKey(hash, route.MajorParameter);
                if (!_byKey.TryGetValue(key, out bucket))
                {
                    bucket = new RateLimitBucket(time);
                    _byKey[key] = bucket;
                }
            }
            else
            {
                bucket = new RateLimitBucket(time);
            }

            _byRoute[route] = bucket;
            return bucket;
        }
    }

    /// <summary>
    /// Forgets an interaction token's bucket as soon as an answer leaves it with slots: a job waiting in the queue
    /// sends nothing for minutes or hours, and an idle bot runs no prune, so each waiting job's reply kept its
    /// buckets, routes and keys (about 0.6 KB, issue 15) until the next request after it was done. The token's next
    /// request makes a new bucket and learns the window again from its answer; a bucket that is empty inside its
    /// window stays, so that request still waits for the reset. A bucket another route of the same token shares
    /// stays too: a second bucket for it would let both routes spend the same slots.
    /// </summary>
    private void ForgetIfOpen(Route route, RateLimitBucket bucket)
    {
        lock (_gate)
        {
            if (!_byRoute.TryGetValue(route, out var current) || current != bucket)
            {
                return;
            }

            string? hash = null;
            foreach (var (template, learnt) in _hashes)
            {
                if (template == route.TemplateKey)
                {
                    hash = learnt;
                }
                else if (_byRoute.TryGetValue(new Route(template.Method, template.Template, route.MajorParameter), out var other) && other == bucket)
                {
                    return;
                }
            }

            // Retired under the registry's lock, so no request can take a slot between the check and the removal;
            // one that resolved the bucket before and waits on it resolves the route again.
            if (!bucket.TryRetireWithSlotsLeft())
            {
                return;
            }

            _byRoute.Remove(route);
            if (hash is not null && _byKey.TryGetValue(new BucketKey(hash, route.MajorParameter), out var keyed) && keyed == bucket)
            {
                _byKey.Remove(new BucketKey(hash, route.MajorParameter));
            }
        }
    }

    private static bool IsWebhook(string? majorParameter) =>
        majorParameter is not null && majorParameter.StartsWith(WebhookMajorPrefix, StringComparison.Ordinal);

    private void PruneIfDue()
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        foreach (var (route, bucket) in _byRoute.ToList())
        {
            if (Forgettable(route.MajorParameter, bucket, now))
            {
                _byRoute.Remove(route);
            }
        }

        foreach (var (key, bucket) in _byKey.ToList())
        {
            if (Forgettable(key.MajorParameter, bucket, now))
            {
                _byKey.Remove(key);
            }
        }
    }

    private static bool Forgettable(string? majorParameter, RateLimitBucket bucket, DateTimeOffset now)
    {
        var idle = now - bucket.LastUsed;
        if (idle > IdleLifetime)
        {
            return !bucket.IsBusy;
        }

        return idle >= PruneInterval && IsWebhook(majorParameter) && bucket.IsSpent(now);
    }
}
