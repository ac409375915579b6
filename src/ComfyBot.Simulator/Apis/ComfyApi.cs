using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Apis;

/// <summary>Maps every ComfyUI route twice, at /X and /api/X, as the real server registers them.</summary>
internal static class ComfyApi
{
    public static void MapComfyApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "", "/api" })
        {
            var group = app.MapGroup(prefix);
            PromptApi.Map(group);
            QueueApi.Map(group);
            HistoryApi.Map(group);
            FilesApi.Map(group);
            InfoApi.Map(group);
            group.Map("/ws", (HttpContext context, SimulatorRuntime runtime) => WebSocketEndpoint.HandleAsync(context, runtime));
        }

        ControlApi.Map(app);
    }
}
