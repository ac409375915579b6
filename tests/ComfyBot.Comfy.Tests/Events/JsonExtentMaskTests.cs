using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>
/// The nodes scan builds a block's masks with the widest vectors the machine has; each width is called here directly
/// (the vector APIs run in software where the hardware lacks them), so all three are checked on any machine.
/// </summary>
public sealed class JsonExtentMaskTests
{
    [Fact]
    public void EveryVectorWidth_GivesTheMasksAByteByByteReadGives()
    {
        var random = new Random(15);
        var block = new byte[64];
        var likely = "\"\\{}[]a :,{[\x5b\x7b\x5d\x7d"u8.ToArray();
        for (var round = 0; round < 2000; round++)
        {
            // Mostly JSON's structural bytes, and every other byte value too (0xDB | 0x20 is not '{', for one).
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = random.Next(3) == 0 ? (byte)random.Next(256) : likely[random.Next(likely.Length)];
            }

            var expected = ByteByByte(block);
            JsonExtent.Masks512(block, out var q5, out var b5, out var o5, out var c5);
            JsonExtent.Masks256(block, out var q2, out var b2, out var o2, out var c2);
            JsonExtent.Masks128(block, out var q1, out var b1, out var o1, out var c1);
            Assert.Equal(expected, (q5, b5, o5, c5));
            Assert.Equal(expected, (q2, b2, o2, c2));
            Assert.Equal(expected, (q1, b1, o1, c1));
        }
    }

    private static (ulong Quotes, ulong Backslashes, ulong Opens, ulong Closes) ByteByByte(byte[] block)
    {
        ulong quotes = 0, backslashes = 0, opens = 0, closes = 0;
        for (var i = 0; i < block.Length; i++)
        {
            var bit = 1UL << i;
            switch (block[i])
            {
                case (byte)'"': quotes |= bit; break;
                case (byte)'\\': backslashes |= bit; break;
                case (byte)'{' or (byte)'[': opens |= bit; break;
                case (byte)'}' or (byte)']': closes |= bit; break;
            }
        }

        return (quotes, backslashes, opens, closes);
    }
}
