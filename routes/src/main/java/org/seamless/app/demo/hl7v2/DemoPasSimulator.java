package org.seamless.app.demo.hl7v2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo trust's patient administration system (off unless {@code seamless.demo.pas.enabled=true}): once the
 * application is ready, sends a realistic ADT stream ({@link PasAdtStream}, made-up people) over MLLP to the
 * demo PAS agency's listener ({@code seamless.demo.pas.port}, the registry's {@code demo-pas}), one message
 * every {@code seamless.demo.pas.interval-ms}, waiting for each acknowledgement and resending a message that
 * got none, as a PAS does. Logs a count of acknowledgements by code every 50 messages; never message content.
 */
@Component
@ConditionalOnProperty(name = "seamless.demo.pas.enabled", havingValue = "true")
public class DemoPasSimulator implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DemoPasSimulator.class);
    private static final byte START = 0x0b;
    private static final byte END = 0x1c;

    private final int port;
    private final long intervalMs;
    private final int messages;
    private final int bad;
    private final String facility;
    private volatile Thread thread;

    public DemoPasSimulator(@Value("${seamless.demo.pas.port:2575}") int port,
                            @Value("${seamless.demo.pas.interval-ms:2000}") long intervalMs,
                            @Value("${seamless.demo.pas.messages:1000}") int messages,
                            @Value("${seamless.demo.pas.bad:10}") int bad,
                            @Value("${seamless.demo.pas.sending-facility:DEMO8}") String facility) {
        this.port = port;
        this.intervalMs = intervalMs;
        this.messages = messages;
        this.bad = bad;
        this.facility = facility;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        List<PasAdtStream.Adt> stream = new PasAdtStream(facility, "PAS" + System.currentTimeMillis(),
                LocalDateTime.now(ZoneId.of("Europe/London")), System.nanoTime()).generate(messages, bad);
        thread = new Thread(() -> run(stream), "demo-pas");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(List<PasAdtStream.Adt> stream) {
        Map<String, Integer> codes = new TreeMap<>();
        int i = 0;
        while (i < stream.size() && !Thread.currentThread().isInterrupted()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(60_000);
                while (i < stream.size()) {
                    String ack = send(socket, stream.get(i).text());
                    codes.merge(code(ack), 1, Integer::sum);
                    i++;
                    if (i % 50 == 0 || i == stream.size()) {
                        log.info("demo PAS: {} of {} ADT messages sent, acknowledgements {}", i, stream.size(), codes);
                    }
                    Thread.sleep(intervalMs);
                }
            } catch (IOException e) {
                // why: no acknowledgement means not accepted; a PAS resends the same message after a pause
                log.warn("demo PAS: no acknowledgement ({}); resending in 5 s", e.getClass().getSimpleName());
                if (!pause(5000)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One MLLP frame out, one acknowledgement frame back. */
    public static String send(Socket socket, String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(START);
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {END, '\r'});
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        int b = in.read();
        while (b != START) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            b = in.read();
        }
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            ack.write(b);
        }
        in.read(); // the CR after the end byte
        return ack.toString(StandardCharsets.UTF_8);
    }

    private static String code(String ack) {
        int i = ack.indexOf("MSA|");
        return i < 0 || ack.length() < i + 6 ? "??" : ack.substring(i + 4, i + 6);
    }

    @Override
    public void destroy() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
