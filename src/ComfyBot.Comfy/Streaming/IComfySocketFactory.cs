namespace ComfyBot.Comfy.Streaming;

/// <summary>Makes a new, unopened socket for each (re)connection.</summary>
internal interface IComfySocketFactory
{
    IComfySocket Create();
}
