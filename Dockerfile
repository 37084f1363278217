# syntax=docker/dockerfile:1
# A static, -trimpath binary in a small image that runs as a non-root user.
#   docker build -t interviewbot --build-arg VERSION=$(git describe --tags --always --dirty) .
#   docker run --rm --env-file .env -p 8080:8080 interviewbot
# VERSION is what `interviewbot version` reports, and the image's
# org.opencontainers.image.version label. The context has no .git
# (.dockerignore), so only the build argument can say it; without it the
# bot reports "(devel)", and the build says so.
FROM golang:1.26 AS build
WORKDIR /src
# The dependencies are vendored: the build needs no network.
COPY . .
ARG VERSION=
RUN [ -n "${VERSION}" ] || echo "VERSION is not set: the bot will report (devel); build with --build-arg VERSION=\$(git describe --tags --always --dirty)" >&2; \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/interviewbot ./cmd/interviewbot \
 && /out/interviewbot ask "Les Etats vont-ils arrêter de s'espionner ?" >/dev/null \
 && /out/interviewbot version

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=
LABEL org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/interviewbot /interviewbot
USER nonroot:nonroot
EXPOSE 8080
# /readyz: ready, or degraded without Redis (the bot still answers). It
# asks METRICS_ADDR when set (gateway mode), else 127.0.0.1:8080.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD ["/interviewbot", "health"]
ENTRYPOINT ["/interviewbot"]
CMD ["serve-http", "--addr", ":8080"]
