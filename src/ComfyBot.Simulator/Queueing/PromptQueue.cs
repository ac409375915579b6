using System.Text.Json.Nodes;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Queueing;

/// <summary>
/// ComfyUI's PromptQueue: a priority list ordered by (number, prompt_id), one running item, the priority
/// counter, and a <c>status</c> broadcast after every change, with the same quirks as the real one.
/// </summary>
internal sealed class PromptQueue
{
    private readonly Lock _gate = new();
    private readonly List<QueuedPrompt> _pending = [];
    private readonly SocketHub _hub;
    private QueuedPrompt? _running;
    private long _counter;
    private TaskCompletionSource _itemAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromptQueue(SocketHub hub) => _hub = hub;

    /// <summary>Takes the next counter value, as the POST /prompt handler does before validation.</summary>
    public long NextNumber()
    {
        lock (_gate)
        {
            return _counter++;
        }
    }

    public void Put(QueuedPrompt item)
    {
        // The worker and GET /queue read the prompt from different threads.
        JsonTrees.Materialize(item.Prompt);
        JsonTrees.Materialize(item.ExtraData);
        TaskCompletionSource signal;
        lock (_gate)
        {
            _pending.Add(item);
            BroadcastStatusLocked();
            signal = _itemAdded;
        }

        signal.TrySetResult();
    }

    /// <summary>Waits for the first item by (number, prompt_id), marks it running and broadcasts status.</summary>
    public async Task<QueuedPrompt> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_pending.Count > 0)
                {
                    var next = _pending.OrderBy(p => p.Number).ThenBy(p => p.PromptId, StringComparer.Ordinal).First();
                    _pending.Remove(next);
                    _running = next;
                    BroadcastStatusLocked();
                    return next;
                }

                if (_itemAdded.Task.IsCompleted)
                {
                    _itemAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wait = _itemAdded.Task;
            }

            await wait.WaitAsync(ct);
        }
    }

    /// <summary>Ends the running item: the caller has written history; status is broadcast.</summary>
    public void TaskDone()
    {
        lock (_gate)
        {
            _running = null;
            BroadcastStatusLocked();
        }
    }

    /// <summary>Removes the first pending item with this id. Like ComfyUI, removing the last pending item
    /// goes through wipe_queue and so broadcasts status twice (05_delete_pending shows both).</summary>
    public bool Delete(string promptId)
    {
        lock (_gate)
        {
            var index = _pending.FindIndex(p => p.PromptId == promptId);
            if (index < 0)
            {
                return false;
            }

            if (_pending.Count == 1)
            {
                WipeLocked();
            }
            else
            {
                _pending.RemoveAt(index);
            }

            BroadcastStatusLocked();
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            WipeLocked();
        }
    }

    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count + (_running is null ? 0 : 1);
            }
        }
    }

    public QueuedPrompt? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    public bool IsRunning(string promptId)
    {
        lock (_gate)
        {
            return _running?.PromptId == promptId;
        }
    }

    /// <summary>{"exec_info": {"queue_remaining": n}}</summary>
    public JsonObject StatusInfo() => new() { ["exec_info"] = new JsonObject { ["queue_remaining"] = Remaining } };

    /// <summary>The GET /queue body. Pending is in insertion order, not sorted, as the raw heap is not.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var running = new JsonArray();
            if (_running is not null)
            {
                running.Add(_running.ToTuple());
            }

            var pending = new JsonArray();
            foreach (var item in _pending)
            {
                pending.Add(item.ToTuple());
            }

            return new JsonObject { ["queue_running"] = running, ["queue_pending"] = pending };
        }
    }

    private void WipeLocked()
    {
        _pending.Clear();
        BroadcastStatusLocked();
    }

    private void BroadcastStatusLocked()
    {
        var remaining = _pending.Count + (_running is null ? 0 : 1);
        _hub.Send("status", new JsonObject
        {
            ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = remaining } },
        }, sid: null);
    }
}
