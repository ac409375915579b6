namespace ComfyBot.Core.Scheduling;

/// <summary>A job taken from the queue together with the backend slot acquired for it.</summary>
public sealed record Assignment(QueuedJob Job, string Backend);
