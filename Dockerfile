# ComfyBot: build with the SDK, run on the ASP.NET runtime as the image's non-root 'app' user.
#   docker build -t comfybot .
#   docker run -d --name comfybot -e ComfyBot__Discord__Token=... -e ComfyBot__Backends__0__Name=gpu-1 \
#     -e ComfyBot__Backends__0__Url=http://gpu-box:8188/ -v comfybot-data:/data -p 8080:8080 comfybot
# tests/ComfyBot.Tests/Shipping/DockerfileTests.cs checks this file against the repository (no Docker engine needed).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
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
# ReadyToRun: the code is compiled ahead, so the first interactions after a start do not wait for the JIT (bench
# ack-side-by-side, quiet machine: the first burst's p99 72.8 ms JIT-only vs 24.8 ms ReadyToRun, READY 873 vs 668 ms).
RUN dotnet restore src/ComfyBot/ComfyBot.csproj -r linux-x64 -p:StandIns=false -p:PublishReadyToRun=true

COPY src/ src/
RUN dotnet publish src/ComfyBot/ComfyBot.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app/publish -p:UseAppHost=false -p:StandIns=false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
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
    CMD ["dotnet", "ComfyBot.dll", "health", "--url", "http://127.0.0.1:8080/healthz"]

# No verb means 'run'; pass another as arguments, e.g. `docker run --rm comfybot check-config`.
ENTRYPOINT ["dotnet", "ComfyBot.dll"]
