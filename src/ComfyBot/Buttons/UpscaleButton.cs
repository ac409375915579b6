using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Upscale (<c>upscale:&lt;job&gt;</c>): the template's UpscaleWith workflow on the job's first image.</summary>
internal sealed class UpscaleButton : IButtonAction
{
    public string Prefix => "upscale";

    public Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken) =>
        FollowUp.RunAsync(invocation, argument, d => d.UpscaleWith, "Upscale", cancellationToken);
}
