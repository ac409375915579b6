using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// Which preview image goes with which sampling step, so a step is shown with its own preview and not the one before.
/// ComfyUI sends a type-4 preview (with metadata) just before the progress message of the step it shows (recordings:
/// 04_queue, client B), and a type-1 preview just after it (recordings: 02_txt2img, client A). Once type-1 previews
/// are seen, a step is held until its preview comes; anything else coming first shows it without one.
/// </summary>
internal sealed class StepPreviews
{
    private PreviewImage? _nextStep;
    private bool _followSteps;
    private bool _stepAwaits;

    /// <summary>The preview to show with the current step.</summary>
    public PreviewImage? Current { get; private set; }

    /// <summary>A progress message: takes a type-4 preview that came for it; true when the step can be shown now.</summary>
    public bool OnStep()
    {
        if (_nextStep is { } arrived)
        {
            Current = arrived;
            _nextStep = null;
        }

        _stepAwaits = _followSteps;
        return !_stepAwaits;
    }

    /// <summary>A type-4 preview: it shows the next step, and waits for that step's progress.</summary>
    public void Ahead(PreviewImage preview) => _nextStep = preview;

    /// <summary>A type-1 preview: it shows the step that just came, which may be shown now.</summary>
    public void Behind(PreviewImage preview)
    {
        Current = preview;
        _followSteps = true;
        _stepAwaits = false;
    }

    /// <summary>True when a step held for its type-1 preview must be shown now: <paramref name="next"/> (null: nothing came) is not that preview.</summary>
    public bool ReleaseHeld(ComfyEvent? next)
    {
        if (_stepAwaits && next is not PreviewImageEvent { HasMetadata: false })
        {
            _stepAwaits = false;
            return true;
        }

        return false;
    }
}
