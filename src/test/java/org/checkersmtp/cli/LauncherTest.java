package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast launcher (src/main/dist/checker-smtp) as an operator runs it, on an extracted layout as Spring
 * Boot's {@code extract} writes it (checker-smtp.jar, its Class-Path naming lib/*.jar), built here from the
 * test's class path: it prints what the plain jar prints, makes its class-data-sharing archive on its first
 * run, and still runs, silently, with a stale archive or nowhere to write one.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("src/main/dist/checker-smtp");

    private static ScriptedSmtpServer mx;
    private static ZoneDnsServer dns;

    @TempDir
    static Path dir;
    private static Path jar;

    @BeforeAll
    static void start() throws Exception {
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.56")).port(0)
                .hostname("mx.launch.test").greeting("220 mx.launch.test ESMTP").starttls()
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        dns = new ZoneDnsServer(String.join("\n",
                "launch.test. 300 IN MX 10 mx.launch.test.",
                "mx.launch.test. 300 IN A 127.0.0.56",
                "56.0.0.127.in-addr.arpa. 300 IN PTR mx.launch.test."));
        jar = extractedLayout(dir.resolve("app"));
    }

    @AfterAll
    static void stop() {
        mx.close();
        dns.close();
    }

    record Run(int exit, String out, String err) {
        /** The status line without the check's own duration, which differs from run to run. */
        String statusLine() {
            return out.lines().findFirst().orElse("").replaceFirst("time=[0-9.]+s", "time=…");
        }
    }

    private static final String DOMAIN = "launch.test";

    private static List<String> checkArguments() {
        // --lang en: the report is in the machine's LANG otherwise, and these assertions are English.
        return List.of("check", "--no-tls-posture", "--lang", "en", "--dns", dns.address(),
                "--checker.smtp.port=" + mx.port(), "--checker.targets.allow-private=true", DOMAIN);
    }

    @Test
    void printsWhatThePlainJarPrintsAndArchivesItsFirstRun() throws Exception {
        Path cache = dir.resolve("cache-first");
        Run plain = run(plainJava(), Map.of());
        assertThat(plain.exit()).as(plain.out() + plain.err()).isZero();
        assertThat(plain.statusLine()).startsWith("SMTP OK - launch.test: no problem found; 1 of 1 endpoint reachable");

        Run first = launcher(cache);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.statusLine()).isEqualTo(plain.statusLine());
        assertThat(archives(cache)).as("the first run's archive").hasSize(1);

        // -Xshare:on makes an archive the JVM cannot map fatal: this run uses the first one's.
        Run second = launcher(cache, "-Xshare:on");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(timeless(second.out())).isEqualTo(timeless(plain.out()));
    }

    @Test
    void aStaleArchiveIsIgnoredSilently() throws Exception {
        Path cache = dir.resolve("cache-stale");
        Run first = launcher(cache);
        assertThat(archives(cache)).hasSize(1);
        // The class path changes under the archive: a lib jar rewritten, as an upgrade of the layout would.
        Path lib = Files.list(jar.resolveSibling("lib")).sorted().findFirst().orElseThrow();
        Path copy = Files.copy(lib, dir.resolve("stale-copy.jar"));
        Files.delete(lib);
        Files.copy(copy, lib);
        Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Run stale = launcher(cache);
        assertThat(stale.exit()).as(stale.err()).isZero();
        assertThat(stale.statusLine()).isEqualTo(first.statusLine());
        assertThat(stale.out() + stale.err()).doesNotContain("[warning]").doesNotContain("shared archive");
    }

    @Test
    void nowhereToWriteAnArchiveOnlyCostsTheSpeed() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
        Run run = launcher(notADirectory.resolve("cache"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.statusLine()).startsWith("SMTP OK - launch.test: no problem found");
    }

    /** A report without what differs between two runs of one check: its durations. */
    private static String timeless(String report) {
        return report.replaceAll("time=[0-9.]+s", "time=…").replaceAll("[0-9]+ ms\\b", "… ms");
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static List<String> plainJava() {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(checkArguments());
        return command;
    }

    private static Run launcher(Path cache) throws Exception {
        return launcher(cache, "");
    }

    private static Run launcher(Path cache, String javaOpts) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(checkArguments());
        return run(command, env(cache, javaOpts));
    }

    private static Map<String, String> env(Path cache, String javaOpts) {
        return Map.of("CHECKER_SMTP_JAR", jar.toString(), "CHECKER_SMTP_CACHE", cache.toString(), "JAVA", java(),
                "JAVA_OPTS", javaOpts);
    }

    @Test
    void archiveMakesBothArchivesAndTheServiceStartsFromItsOwn() throws Exception {
        Path cache = dir.resolve("cache-service");
        Run archive = run(List.of("sh", LAUNCHER.toString(), "archive"), env(cache, ""));
        assertThat(archive.exit()).as(archive.out() + archive.err()).isZero();
        assertThat(archives(cache)).extracting(p -> p.getFileName().toString().replaceFirst("-.*", ""))
                .containsExactlyInAnyOrder("cli", "service");

        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        File log = File.createTempFile("launch-service", ".txt");
        ProcessBuilder builder = new ProcessBuilder("sh", LAUNCHER.toString(), "--server.address=127.0.0.1",
                "--server.port=" + port).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env(cache, "-Xshare:on")); // fatal unless the service archive maps
        Process service = builder.start();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/health")).timeout(java.time.Duration.ofSeconds(5))
                    .build();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int status = 0;
            while (status != 200 && service.isAlive() && System.nanoTime() < giveUp) {
                try {
                    status = http.send(health, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(status).as(Files.readString(log.toPath())).isEqualTo(200);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            log.delete();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        File stdout = File.createTempFile("launch-out", ".txt");
        File stderr = File.createTempFile("launch-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        Run run = new Run(p.exitValue(), Files.readString(stdout.toPath()), Files.readString(stderr.toPath()));
        stdout.delete();
        stderr.delete();
        return run;
    }

    /**
     * What {@code java -Djarmode=tools -jar checker-smtp.jar extract} writes, from this JVM's class path: the
     * application's classes in checker-smtp.jar, whose manifest names every library in lib/.
     */
    private static Path extractedLayout(Path app) throws IOException {
        Path lib = Files.createDirectories(app.resolve("lib"));
        Path classes = Path.of(CheckerSmtpApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path target = lib.resolve(classPath.size() + "-" + p.getFileName());
                Files.copy(p, target);
                classPath.add("lib/" + target.getFileName());
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CheckerSmtpApplication.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path jarFile = app.resolve("checker-smtp.jar");
        try (OutputStream file = Files.newOutputStream(jarFile);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path p : tree.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
                // Directory entries too, as extract writes them: Spring's component scan lists them.
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (Files.isRegularFile(p)) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return jarFile;
    }
}
