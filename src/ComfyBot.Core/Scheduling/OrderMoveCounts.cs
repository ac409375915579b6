using System.Numerics;

namespace ComfyBot.Core.Scheduling;

/// <summary>
/// The kept order's moves at one moment (<see cref="FairScheduler.MoveCounts"/>), by where they happened: takes from
/// the head, which move every place by one, and inserts ahead of some kept job, which move only the places at or
/// behind them, counted by the band of places [2^b, 2^(b+1)) they went in at. A place in band b that moves by less
/// than a third of itself before it is looked at again stays below 2^(b+2), so only the takes and the inserts in bands
/// up to b+1 can have moved it: <see cref="ForBand"/> counts those, and an insert near the back of a long queue (an
/// admission a little out of turn) no longer counts as a move of every place (issue 15: every far reply was looked
/// at again after a quarter of its place in such inserts, O(log waiting) looks per job while a queue grew).
/// </summary>
internal sealed class OrderMoveCounts
{
    /// <summary>Bands of places: 2^31 places is past any queue.</summary>
    public const int Bands = 32;

    private readonly long _takes;
    private readonly long[] _insertsByBand;

    public OrderMoveCounts(long epoch, long takes, long[] insertsByBand)
    {
        Epoch = epoch;
        _takes = takes;
        _insertsByBand = insertsByBand;
    }

    /// <summary>The kept order's epoch: another one means any place may have moved anywhere.</summary>
    public long Epoch { get; }

    /// <summary>The band of a 1-based place: [2^b, 2^(b+1)).</summary>
    public static int BandOf(int place) => BitOperations.Log2((uint)Math.Max(1, place));

    /// <summary>The moves so far that can have moved a place of <paramref name="band"/> that stayed below 2^(band+2): every take, and every insert in bands up to band+1.</summary>
    public long ForBand(int band)
    {
        var moves = _takes;
        for (var b = 0; b <= Math.Min(band + 1, Bands - 1); b++)
        {
            moves += _insertsByBand[b];
        }

        return moves;
    }
}
