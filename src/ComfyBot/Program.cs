Console.WriteLine("ComfyBot");
