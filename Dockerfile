# syntax=docker/dockerfile:1
# The suite's images: one build stage, then one runtime target per service, e.g.
#   docker build --target membership -t registry.city.example/assembly/membership:0.1.0 .
# (or buildah/kaniko with the same --target). Each image runs its service as user 10001;
# `<service> --migrate` is the charts' migration Job, `<service> --config-help` its settings.
# The target `web` is the web application (services/web) and the site's static pages
# (`site-pages`) served by nginx-unprivileged (user 101; charts/web mounts its nginx.conf).

# ---- build: Debian 12's compiler and the -dev packages of ops/packages.txt the build needs ----
FROM debian:12 AS build
# libgtest-dev and libgmock-dev: CMakeLists.txt looks for GoogleTest at configure time even
# though no test is built here.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libpistache-dev libpqxx-dev libpq-dev librdkafka-dev prometheus-cpp-dev \
      libprotobuf-dev protobuf-compiler nlohmann-json3-dev libsodium-dev libjwt-dev libssl-dev \
      libcurl4-openssl-dev libhpdf-dev libqrencode-dev \
      coinor-libclp-dev coinor-libcbc-dev libgtest-dev libgmock-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake/ cmake/
COPY proto/ proto/
COPY libs/ libs/
COPY services/ services/
# The flags the suite is tested with (RelWithDebInfo); the binaries are stripped afterwards.
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DASSEMBLY_BUILD_TESTS=OFF -DASSEMBLY_BUILD_BENCH=OFF \
 && cmake --build build --target sortition membership workshops recommendations followup notifications \
 && cmake --build build --target site-pages \
 && mkdir -p /out \
 && for svc in sortition membership workshops recommendations followup notifications; do \
      strip --strip-unneeded -o "/out/$svc" "build/bin/$svc"; \
    done \
 && build/bin/site-pages /out/site-pages \
 && mkdir -p /out/openapi \
 && for svc in sortition membership workshops recommendations followup notifications; do \
      "build/bin/$svc" --openapi >"/out/openapi/$svc.json"; \
    done

# ---- the web application: built with Node.js from the served OpenAPI documents (its typed
# client), then only its files in nginx-unprivileged ----
FROM node:22-bookworm-slim AS web-build
WORKDIR /src
COPY tools/openapi/ tools/openapi/
COPY services/web/ services/web/
COPY --from=build /out/openapi/ /openapi/
RUN cd tools/openapi && npm ci --no-audit --no-fund \
 && cd ../../services/web && npm ci --no-audit --no-fund \
 && rm -rf src/api/generated && node ../../tools/openapi/generate.mjs /openapi src/api/generated \
 && npx --no-install tsc -p tsconfig.json \
 && npx --no-install react-dsfr update-icons \
 && OUT_DIR=/web npx --no-install vite build

FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY --from=web-build /web/ /usr/share/nginx/html/
# The site's static pages (accessibility, legal notice, personal data, open data), <path>/index.html.
COPY --from=build /out/site-pages/ /usr/share/nginx/html/
USER 101:101

# ---- runtime: the shared libraries only, and the user 10001 the charts run as ----
FROM debian:12-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libpistache0 libpqxx-6.4 libpq5 librdkafka++1 librdkafka1 \
      libprometheus-cpp-core1.0 libprotobuf32 libsodium23 libjwt0 libssl3 libcurl4 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 assembly \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin assembly
EXPOSE 8080

FROM runtime AS membership
COPY --from=build /out/membership /usr/local/bin/membership
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/membership"]

FROM runtime AS workshops
COPY --from=build /out/workshops /usr/local/bin/workshops
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/workshops"]

FROM runtime AS recommendations
COPY --from=build /out/recommendations /usr/local/bin/recommendations
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/recommendations"]

FROM runtime AS followup
COPY --from=build /out/followup /usr/local/bin/followup
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/followup"]

# notifications also links libHaru (the invitation letters' PDF) and libqrencode (their QR codes).
FROM runtime AS notifications
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libhpdf-2.3.0 libqrencode4 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/notifications /usr/local/bin/notifications
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/notifications"]

# sortition also links COIN-OR's CBC (fair panel selection).
FROM runtime AS sortition
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends coinor-libcbc3 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/sortition /usr/local/bin/sortition
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/sortition"]
