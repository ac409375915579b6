using System.Text.Json.Serialization;
using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Store;

/// <summary>The JSON columns of the jobs table: a job's parameters and its outputs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkflowParameters))]
[JsonSerializable(typeof(OutputFile[]))]
internal sealed partial class JobStoreJsonContext : JsonSerializerContext;
