using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Upscale (<c>upscale:&lt;job&gt;</c>): the template's UpscaleWith workflow on the job's first image.</summary>
internal sealed class UpscaleButton(FollowUp followUp) : IButtonAction
{
    public string Prefix => "upscale";

    public Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken) =>
        followUp.RunAsync(invocation, argument, d => d.UpscaleWith, "Upscale", cancellationToken);
}
