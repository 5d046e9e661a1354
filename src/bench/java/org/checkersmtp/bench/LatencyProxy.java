package org.checkersmtp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that makes a loopback server look far away: every chunk of bytes is delivered D after it
 * was read, in each direction, in order (latency, not bandwidth: chunks in flight overlap, as on a real
 * path). End of stream is delayed the same way, so a close also costs half a round trip.
 */
final class LatencyProxy implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private record Chunk(long dueNanos, byte[] bytes) {
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long delayNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LatencyProxy(InetSocketAddress listen, InetSocketAddress upstream, Duration oneWay) throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen, 200);
        this.upstream = upstream;
        this.delayNanos = oneWay.toNanos();
        daemon(this::acceptLoop, "latency-proxy-" + listen);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(upstream, 5000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One direction: a reader stamps each chunk with its due time, a writer delivers it then. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    inFlight.add(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // Reset or closed: deliver the end as for a clean close.
            }
            inFlight.add(new Chunk(System.nanoTime() + delayNanos, END));
        }, "latency-proxy-read");
        daemon(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = inFlight.take();
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes() == END) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // The other side went away.
            }
        }, "latency-proxy-write");
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing.
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing.
            }
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
