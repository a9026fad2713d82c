# syntax=docker/dockerfile:1
# NetworkSaaS container image. Build from the repository root:
#   docker build -t networksaas:local .
# One image, three roles (the argument after the ENTRYPOINT chooses):
#   migrate          apply EF Core migrations as networksaas_owner (ConnectionStrings__Owner), then exit
#   --role web       serve HTTP on 8080 (ConnectionStrings__App)
#   --role worker    run the Hangfire server (ConnectionStrings__App)

# ---- build --------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so the package layer is reused until a
# csproj or the central package versions change. Tests are not part of the image.
COPY Directory.Build.props Directory.Packages.props NetworkSaaS.sln ./
COPY src/NetworkSaaS.Web/NetworkSaaS.Web.csproj src/NetworkSaaS.Web/
COPY src/NetworkSaaS.Core/NetworkSaaS.Core.csproj src/NetworkSaaS.Core/
COPY migrations/NetworkSaaS.Migrations/NetworkSaaS.Migrations.csproj migrations/NetworkSaaS.Migrations/
COPY seeds/NetworkSaaS.Seeds/NetworkSaaS.Seeds.csproj seeds/NetworkSaaS.Seeds/
RUN dotnet restore src/NetworkSaaS.Web/NetworkSaaS.Web.csproj

# Everything else (.dockerignore keeps bin/, obj/, .data/, tests/ and secrets out).
# .editorconfig comes along: the build enforces code style with warnings as errors.
COPY . .
RUN dotnet publish src/NetworkSaaS.Web/NetworkSaaS.Web.csproj \
        -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime ------------------------------------------------------------------------------------
# aspnet:10.0 is Ubuntu 24.04 (Noble); it already ships libicu74, tzdata and tzdata-legacy, which
# the ja-JP culture and Asia/Tokyo time zone need. Fail the build loudly if a future base lacks them
# rather than silently running with broken globalization.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN ls /usr/lib/*-linux-gnu/libicuuc.so.* > /dev/null \
    && test -e /usr/share/zoneinfo/Asia/Tokyo

ENV ASPNETCORE_URLS=http://+:8080 \
    # The base image sets ASPNETCORE_HTTP_PORTS=8080; clear it so Kestrel does not warn that
    # ASPNETCORE_URLS overrides it.
    ASPNETCORE_HTTP_PORTS="" \
    # Japanese and English cultures need full ICU (the project also sets InvariantGlobalization=false).
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false

WORKDIR /app
# Files stay owned by root: the app user can read but not modify its own binaries.
COPY --from=build /app ./

# Built-in non-root user 'app' (UID/GID 1654, set by the base image as APP_UID). Numeric so that
# Kubernetes runAsNonRoot can verify it.
USER $APP_UID
EXPOSE 8080

# No HEALTHCHECK: the image has no curl/wget. Orchestrators probe GET /healthz on port 8080.
ENTRYPOINT ["dotnet", "NetworkSaaS.Web.dll"]
