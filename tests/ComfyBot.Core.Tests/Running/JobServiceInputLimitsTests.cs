using System.Buffers.Binary;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Tests.Images;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Running;

/// <summary>An input image is measured by its real dimensions before it is queued, against the member's limits and a hard cap.</summary>
public sealed class JobServiceInputLimitsTests
{
    [Fact]
    public async Task An_attachment_above_the_members_pixels_is_refused_with_the_size_that_fits()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        await rig.StartServiceAsync();
        // The default rule allows 1,048,576 pixels and 1536 on a side; 1400x1400 keeps the side and breaks the pixels.
        var big = TestImages.SolidPng(1400, 1400, SKColors.SteelBlue);

        var result = await rig.Service.SubmitAsync(JobServiceInputImageTests.Img2Img(1, new InputImage("big.jpg", big)));

        Assert.Null(result.Job);
        Assert.Equal(RefusalReason.OutOfRange, result.Refusal!.Reason);
        Assert.StartsWith("The attached image 'big.jpg' is 1400x1400: its 1,960,000 pixels are above your limit of 1,048,576 (", result.Refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("Scale it to 1024x1024 or smaller and attach it again.", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_for_everyone()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(JobServiceInputImageTests.Img2Img(1, new InputImage("small.png", PngHeader(60000, 60000))));

        Assert.Equal(RefusalReason.OutOfRange, result.Refusal!.Reason);
        Assert.Contains("claims to be 60000x60000 pixels", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(JobServiceInputImageTests.Img2Img(1, new InputImage("cat.png", "<html>not a picture</html>"u8.ToArray())));

        Assert.Contains("'cat.png' is not an image the GPU server can read", result.Refusal!.Message, StringComparison.Ordinal);
    }

    /// <summary>A PNG that is only its signature and a valid IHDR claiming the given size: what a bomb's header says.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return [.. png];
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        var body = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(body);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
