namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// A learnt bucket: Discord's opaque <c>X-RateLimit-Bucket</c> hash plus the major parameter, because the hash
/// alone does not include the top-level resource (each channel has its own copy of a channel bucket).
/// </summary>
internal readonly record struct BucketKey(string Hash, string? MajorParameter);
