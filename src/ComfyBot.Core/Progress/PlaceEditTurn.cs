namespace ComfyBot.Core.Progress;

/// <summary>
/// One reply's turn at the shared <see cref="ReplyEditSlots"/>: whether its place edit is in line for a slot, or holds
/// one while it is sent. Called under the reply's lock; a held slot is given back outside it (<see cref="GiveBack"/>),
/// since giving it back offers it to the next reply in line, which takes that reply's lock.
/// </summary>
internal sealed class PlaceEditTurn(ReplyEditSlots slots, ReplyThrottle reply)
{
    private bool _inLine;
    private bool _holding;

    /// <summary>
    /// Whether <paramref name="state"/> may be sent now: it is not a place state, a slot is held already, or one was
    /// free. Otherwise the reply is in line (once, however many states it posts meanwhile) and is offered a slot later.
    /// </summary>
    /// <param name="state">The reply's newest state, due to be sent.</param>
    /// <param name="first">Whether this is the reply's first edit, which replaces the deferral's "thinking…" and goes before every re-shown place.</param>
    public bool Allows(ReplyState state, bool first)
    {
        if (state.Place is not { } place || _holding)
        {
            return true;
        }

        if (_inLine)
        {
            return false;
        }

        if (!slots.TryEnter(reply, place, first))
        {
            _inLine = true;
            return false;
        }

        _holding = true;
        return true;
    }

    /// <summary>The slots offered this reply one: it is out of line, whether or not it takes it.</summary>
    public void Offered() => _inLine = false;

    /// <summary>Holds the offered slot for the send the reply starts with it.</summary>
    public void Take() => _holding = true;

    /// <summary>Ends the hold; true when a slot was held, which the caller gives back (<see cref="GiveBack"/>) once out of its lock.</summary>
    public bool Leave()
    {
        var held = _holding;
        _holding = false;
        return held;
    }

    /// <summary>Gives a slot that <see cref="Leave"/> reported held back to the next reply in line.</summary>
    public void GiveBack() => slots.Release();
}
