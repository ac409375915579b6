using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// A connection held while this process's write gate is taken; disposing it closes the connection and opens the gate.
/// </summary>
internal sealed class StoreWriter(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
