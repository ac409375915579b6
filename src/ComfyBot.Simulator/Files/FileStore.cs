using System.Security.Cryptography;

namespace ComfyBot.Simulator.Files;

/// <summary>
/// The input/, output/ and temp/ folders with ComfyUI's path rules: annotated names ("x.png [output]"),
/// traversal checks, SaveImage's counter and /upload/image's duplicate and rename rules.
/// </summary>
internal sealed class FileStore
{
    public FileStore(string root)
    {
        Root = Path.GetFullPath(root);
        InputDirectory = Path.Combine(Root, "input");
        OutputDirectory = Path.Combine(Root, "output");
        TempDirectory = Path.Combine(Root, "temp");
        Directory.CreateDirectory(InputDirectory);
        Directory.CreateDirectory(OutputDirectory);
        WipeTemp();
    }

    public string Root { get; }

    public string InputDirectory { get; }

    public string OutputDirectory { get; }

    public string TempDirectory { get; }

    /// <summary>The temp folder is emptied at server start and restart, as ComfyUI does.</summary>
    public void WipeTemp()
    {
        if (Directory.Exists(TempDirectory))
        {
            Directory.Delete(TempDirectory, recursive: true);
        }

        Directory.CreateDirectory(TempDirectory);
    }

    /// <summary>get_directory_by_type: input, output, temp; anything else is null.</summary>
    public string? DirectoryFor(string type) => type switch
    {
        "output" => OutputDirectory,
        "input" => InputDirectory,
        "temp" => TempDirectory,
        _ => null,
    };

    /// <summary>Strips a " [output]"/" [input]"/" [temp]" suffix and returns the folder it names, if any.</summary>
    public (string Name, string? Directory) Annotated(string name)
    {
        foreach (var type in new[] { "output", "input", "temp" })
        {
            var suffix = $" [{type}]";
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return (name[..^suffix.Length], DirectoryFor(type));
            }
        }

        return (name, null);
    }

    /// <summary>LoadImage's check: "[subfolder/]name[ [type]]" names an existing file, by default among the inputs.</summary>
    public bool AnnotatedFileExists(string annotated) => File.Exists(ResolveAnnotated(annotated));

    public string ResolveAnnotated(string annotated)
    {
        var (name, directory) = Annotated(annotated);
        return Path.GetFullPath(Path.Combine(directory ?? InputDirectory, name));
    }

    /// <summary>Top-level input files, sorted, as LoadImage lists them.</summary>
    public IReadOnlyList<string> InputFiles() =>
        [.. Directory.EnumerateFiles(InputDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsInside(string directory, string path)
    {
        var dir = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        return full == dir || full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// SaveImage's naming: "&lt;prefix&gt;_00001_.png", the counter one past the highest existing file for that
    /// prefix. A "/" in the prefix makes a subfolder. Throws when the prefix leaves the folder.
    /// </summary>
    public static (string Folder, string Subfolder, string BaseName, int Counter) NextSavePath(string directory, string prefix)
    {
        var subfolder = Path.GetDirectoryName(prefix)?.Replace('\\', '/') ?? "";
        var baseName = Path.GetFileName(prefix);
        var folder = Path.GetFullPath(Path.Combine(directory, subfolder));
        if (!IsInside(directory, folder))
        {
            throw new InvalidOperationException($"**** ERROR: Saving image outside the output folder is not allowed.\n full_output_folder: {folder}\n         output_dir: {directory}");
        }

        Directory.CreateDirectory(folder);
        var highest = 0;
        foreach (var file in Directory.EnumerateFiles(folder, baseName + "_*_.*"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var digits = name[(baseName.Length + 1)..].TrimEnd('_');
            if (int.TryParse(digits, out var n) && n > highest)
            {
                highest = n;
            }
        }

        return (folder, subfolder, baseName, highest + 1);
    }

    /// <summary>
    /// Stores an upload with /upload/image's rules. Returns the stored name, or null when the path escapes
    /// the folder (a 400).
    /// </summary>
    public static string? StoreUpload(string directory, string subfolder, string fileName, byte[] content, bool overwrite)
    {
        var folder = Path.GetFullPath(Path.Combine(directory, subfolder));
        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        if (!IsInside(directory, path) || !IsInside(directory, folder))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        var name = fileName;
        if (!overwrite)
        {
            for (var i = 1; File.Exists(path); i++)
            {
                if (SameBytes(path, content))
                {
                    // Same name and identical bytes: ComfyUI returns the existing name and writes nothing.
                    return name;
                }

                name = $"{stem} ({i}){extension}";
                path = Path.Combine(folder, name);
            }
        }

        File.WriteAllBytes(path, content);
        return name;
    }

    private static bool SameBytes(string path, byte[] content)
    {
        var existing = File.ReadAllBytes(path);
        return SHA256.HashData(existing).AsSpan().SequenceEqual(SHA256.HashData(content));
    }
}
