# Build: docker build -t checker-smtp .   Run: docker run -p 8080:8080 checker-smtp
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app checker
WORKDIR /app
COPY --from=build /src/target/checker-smtp.jar /app/checker-smtp.jar
USER checker
EXPOSE 8080
# Outbound port 25 must be open for the probes to mean anything (many clouds block it by default).
HEALTHCHECK --interval=30s --timeout=5s CMD ["java", "-jar", "/app/checker-smtp.jar", "-healthcheck"]
ENTRYPOINT ["java", "-jar", "/app/checker-smtp.jar"]
