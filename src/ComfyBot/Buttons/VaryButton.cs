using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Vary (<c>vary:&lt;job&gt;</c>): the template's VaryWith workflow (e.g. img2img) on the job's first image.</summary>
internal sealed class VaryButton(FollowUp followUp) : IButtonAction
{
    public string Prefix => "vary";

    public Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken) =>
        followUp.RunAsync(invocation, argument, d => d.VaryWith, "Vary", cancellationToken);
}
