# Build: docker build -t checker-smtp .
# Run:   docker run -p 8080:8080 -e CHECKER_TARGETS_ALLOWPRIVATE=false checker-smtp
# Configuration is by environment (Spring Boot's relaxed binding: checker.probe.max-parallel →
# CHECKER_PROBE_MAXPARALLEL) or by a mounted file: -v ./config:/app/config (read automatically).

# --- 1. build the jar and split it into Spring Boot's layers -------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies change less often than the code: their layer stays cached across code edits.
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/checker-smtp.jar extract --layers --destination /layers

# --- 2. a JRE, a non-root user, the layers from the least to the most often changed --------------
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin checker
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The heap would otherwise default to a quarter of the host's memory, whatever the container's
# limit: a fixed heap keeps one replica's RSS predictable (docs/deployment.md gives the figures).
# Override the whole set with -e JAVA_OPTS="…".
ENV JAVA_OPTS="-Xms64m -Xmx320m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k \
-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# The launcher (src/main/dist/checker-smtp) runs the service with JAVA_OPTS and `check` with the flags of a
# run of a second, each with a class-data-sharing archive of the classes it loads. `archive` makes both
# here, beside the layout (/app is not writable at run time): a check that ends at once, and a start of
# the service on a loopback port up to its first /health (-Dchecker.archive-training). From the archive the
# service reaches its first /health in about half the time (docs/benchmarks.md), which is what a new
# replica waits before the load balancer may use it. A JAVA_OPTS that changes the GC or the heap only
# costs the archive (the JVM loads the classes as usual).
COPY src/main/dist/checker-smtp /app/checker-smtp
RUN chmod 755 /app/checker-smtp && /app/checker-smtp archive
# Stored results (checker.results.directory, relative to /app): a volume owned by the user that writes it.
RUN mkdir -p /app/results && chown 10001 /app/results
VOLUME /app/results
USER 10001
EXPOSE 8080
# Outbound port 25 must be open for the probes to mean anything (many clouds block it by default).
# -healthcheck asks the local /health and exits 0 or 1 before any of Spring starts.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/app/checker-smtp.jar", "-healthcheck"]
# `docker run … checker-smtp` is the service; `docker run … checker-smtp check example.org` the command line.
ENTRYPOINT ["/app/checker-smtp"]
