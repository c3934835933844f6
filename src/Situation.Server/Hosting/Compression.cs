using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Situation.Server.Hosting;

/// <summary>
/// Answers go compressed (brotli, else gzip) to every client that asks, over HTTPS too: the demo
/// province's snapshot is 1.3 MB of JSON and a tenth of that compressed, which is what a leader on a
/// district's mobile link waits for. Only reads are compressed: a write's answer is small, and the
/// write path's CPU is what a storm runs short of. Left as they are too: sign-in answers (a token
/// beside what the caller sent is what a compression side channel reads), the hub (its streams must
/// not wait in a compressor), and answers known to be small.
/// </summary>
public static class Compression
{
    /// <summary>Below this an answer of known length is sent as it is: compressing it saves less than it costs.</summary>
    public const int MinimumBytes = 1024;

    public static IServiceCollection AddSituationCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/geo+json", "application/problem+json", "text/csv", "application/vnd.google-earth.kml+xml"];
        });
        // Measured on the demo snapshot (1.12 MB): brotli's fastest level gave 228 KB, its "optimal"
        // (quality 4) 121 KB for about 10 ms more; gzip's fastest 202 KB. A 150,000-site snapshot is
        // 73 MB, compressed while it streams, so neither goes higher.
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, WorthCompressing>();
        return services;
    }

    private sealed class WorthCompressing(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && !context.Request.Path.StartsWithSegments("/api/auth")
            && !context.Request.Path.StartsWithSegments(Live.SituationHub.Path)
            && context.Response.ContentLength is null or >= MinimumBytes
            && base.ShouldCompressResponse(context);
    }
}
