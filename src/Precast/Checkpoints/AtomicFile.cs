namespace Precast.Checkpoints;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content:
/// the bytes go to a temporary file in the same directory, which is flushed to disk and then
/// renamed over the target. A crash or an exception part-way leaves the previous file intact.
/// </summary>
/// <remarks>
/// Usage: <c>using var file = AtomicFile.Create(path); write to file.Stream; file.Commit();</c>.
/// Disposing without <see cref="Commit"/> deletes the temporary file.
/// </remarks>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _targetPath;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFile(string targetPath, string temporaryPath, FileStream stream)
    {
        _targetPath = targetPath;
        _temporaryPath = temporaryPath;
        _stream = stream;
    }

    /// <summary>Where the content goes until <see cref="Commit"/>.</summary>
    public Stream Stream => _stream;

    /// <summary>Opens a new temporary file beside <paramref name="path"/>.</summary>
    public static AtomicFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"Cannot write '{path}': it names a root directory, not a file.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{path}': the directory '{directory}' does not exist.");

        // Same directory as the target: a rename within one file system is atomic, a copy across
        // file systems is not. The leading dot and random part keep it out of the way of globs.
        string temporaryPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return new AtomicFile(fullPath, temporaryPath, stream);
    }

    /// <summary>Flushes the content to disk and renames the temporary file over the target.</summary>
    public void Commit()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporaryPath, _targetPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the stream and, unless committed, deletes the temporary file.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (!_committed)
            File.Delete(_temporaryPath);
    }
}
