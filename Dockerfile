# ComfyBot: built with the SDK as one Native AOT executable, run on the runtime-deps image (no .NET runtime needed) as the
# image's non-root 'app' user.
#   docker build -t comfybot .
#   docker run -d --name comfybot -e ComfyBot__Discord__Token=... -e ComfyBot__Backends__0__Name=gpu-1 \
#     -e ComfyBot__Backends__0__Url=http://gpu-box:8188/ -v comfybot-data:/data -p 8080:8080 comfybot
# tests/ComfyBot.Tests/Shipping/DockerfileTests.cs checks this file against the repository (no Docker engine needed).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Native AOT compiles to machine code and links with the platform's C toolchain; gcc is enough (CppCompilerAndLinker=gcc).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore layer: only the files restore reads, so a code change does not download the packages again.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ComfyBot/ComfyBot.csproj src/ComfyBot/
COPY src/ComfyBot.Comfy/ComfyBot.Comfy.csproj src/ComfyBot.Comfy/
COPY src/ComfyBot.Core/ComfyBot.Core.csproj src/ComfyBot.Core/
COPY src/ComfyBot.Discord/ComfyBot.Discord.csproj src/ComfyBot.Discord/
COPY src/ComfyBot.Simulator/ComfyBot.Simulator.csproj src/ComfyBot.Simulator/
COPY src/ComfyBot.FakeDiscord/ComfyBot.FakeDiscord.csproj src/ComfyBot.FakeDiscord/
# linux-x64 only: a publish without a runtime id carries every platform's native SkiaSharp and SQLite (514 MB, 290 MB
# of it Windows symbols). StandIns=false leaves out the simulator and FakeDiscord, which only the demo verb uses.
# Native AOT: the bot is compiled ahead to one executable, so a start pays no JIT and no runtime start-up, and the first
# interactions after a start do not wait for code to compile (bench ack-side-by-side and generate-process; figures in
# bench/ComfyBot.Benchmarks/README.md). ReadyToRun before it still started the runtime and JIT-compiled what R2R code
# could not hold (READY 668 ms, the first burst's p99 24.8 ms, discord.py 161-191 ms and 4.7 ms, quiet machine).
RUN dotnet restore src/ComfyBot/ComfyBot.csproj -r linux-x64 -p:StandIns=false -p:PublishAot=true

COPY src/ src/
RUN dotnet publish src/ComfyBot/ComfyBot.csproj -c Release -r linux-x64 --no-restore -o /app/publish -p:StandIns=false -p:PublishAot=true -p:CppCompilerAndLinker=gcc -p:CopyOutputSymbolsToPublishDirectory=false

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
# The shipped templates are the defaults; mount your own folder over /app/templates to replace them.
COPY templates/ templates/

# The store and the templates belong to the non-root user (APP_UID is the image's 'app' user, 1654).
RUN mkdir -p /data && chown -R "$APP_UID" /data /app/templates

ENV ComfyBot__Store__Path=/data/comfybot.db \
    ComfyBot__Http__ListenUrls=http://+:8080 \
    DOTNET_NOLOGO=1

VOLUME ["/data", "/app/templates"]
EXPOSE 8080
USER $APP_UID

# The runtime image has no curl: the bot's own 'health' verb asks /healthz and exits 0 only on 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["/app/ComfyBot", "health", "--url", "http://127.0.0.1:8080/healthz"]

# No verb means 'run'; pass another as arguments, e.g. `docker run --rm comfybot check-config`.
ENTRYPOINT ["/app/ComfyBot"]
