namespace ComfyBot.Simulator.Execution;

/// <summary>
/// Paces sampler steps: the sampling hold, then 1/steps-per-second on the injected clock, checking the
/// interrupt flag around both (before each step, as ComfyUI's samplers do).
/// </summary>
internal sealed class StepPacer
{
    private readonly SimulatorRuntime _runtime;
    private readonly InterruptSignal _interrupt;
    private readonly CancellationToken _stopping;

    public StepPacer(SimulatorRuntime runtime, InterruptSignal interrupt, CancellationToken stopping)
    {
        _runtime = runtime;
        _interrupt = interrupt;
        _stopping = stopping;
    }

    public void ThrowIfInterrupted() => _interrupt.ThrowIfSet();

    public async Task BeforeStepAsync(int stepsDone)
    {
        _stopping.ThrowIfCancellationRequested();
        _interrupt.ThrowIfSet();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping, _interrupt.Token);
        try
        {
            await _runtime.Gate.WaitAsync(stepsDone, linked.Token);
            var speed = _runtime.StepsPerSecond;
            if (speed > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.0 / speed), _runtime.TimeProvider, linked.Token);
            }
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            throw new ExecutionInterruptedException();
        }

        _interrupt.ThrowIfSet();
    }
}
