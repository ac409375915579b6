namespace ComfyBot.Comfy.Templates;

/// <summary>An input auto-detection proposes for a parameter, with the reason to show.</summary>
internal readonly record struct DetectedInput(WorkflowParameter Parameter, WorkflowNode Node, string InputName, string Detail);
