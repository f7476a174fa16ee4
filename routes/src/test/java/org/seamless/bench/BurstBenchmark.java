package org.seamless.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.seamless.SeamlessApplication;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a burst of N messages (default 100,000) sent as fast as the broker takes them to one
 * agency's inbound address, as the trust's adapter would, while Seamless runs on its embedded
 * defaults and works through them. Samples the heap every 50 ms and prints the idle heap after
 * start (the baseline), the peak during the burst, the heap after a GC at the end, the send rate,
 * how much the broker paged to disk, and how many messages were delivered by then. Run with the
 * heap the limit is claimed for:
 * {@code MAVEN_OPTS=-Xmx512m ./mvnw -q -pl routes exec:java -Dexec.mainClass=org.seamless.bench.BurstBenchmark
 * -Dexec.classpathScope=test -Dexec.args=100000} (after {@code ./mvnw -q install -DskipTests}).
 */
public final class BurstBenchmark {
    private BurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (TestEnvironment env = TestEnvironment.create()) {
            Map<String, Object> p = new HashMap<>(env.properties());
            BenchSupport.embeddedDatabase(p, env.dataDir().resolve("db/bench"));
            p.put("server.port", "0");
            p.put("logging.level.root", "WARN");
            String[] cli = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SeamlessApplication.class).run(cli)) {
                BrokerUsers users = ctx.getBean(BrokerUsers.class);
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                System.gc();
                long idle = memory.getHeapMemoryUsage().getUsed();
                long max = memory.getHeapMemoryUsage().getMax();

                AtomicLong peak = new AtomicLong(idle);
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(50); // a sampling interval in a benchmark, not a test wait
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "heap-sampler");
                sampler.start();

                String user = "agency-" + TestEnvironment.TRUST;
                TestNotices.Notice template = TestNotices.discharge(777);
                String json = MessageBundles.toJson(template.bundle());
                long start = System.nanoTime();
                ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + env.brokerPort(), user,
                        users.password(user));
                cf.setBlockOnDurableSend(false); // the burst: as fast as the broker takes them
                try (Connection c = cf.createConnection()) {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = s.createProducer(s.createQueue("agency." + TestEnvironment.TRUST + ".inbound"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 0; i < n; i++) {
                        String id = "burst-" + i + "-" + template.messageId();
                        TextMessage m = s.createTextMessage(json.replace(template.messageId(), id));
                        m.setStringProperty(BrokerHeaders.MESSAGE_ID, id);
                        m.setStringProperty(BrokerHeaders.EVENT, SeamlessEvent.DISCHARGE_NOTICE.code());
                        m.setStringProperty(BrokerHeaders.SOURCE_AGENCY, TestEnvironment.TRUST);
                        producer.send(m);
                    }
                }
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                long paged = BenchSupport.sizeOf(env.dataDir().resolve("broker/paging"));
                Integer delivered = jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'",
                        Integer.class);
                sampling.set(false);
                sampler.join();
                System.gc();
                long after = memory.getHeapMemoryUsage().getUsed();
                System.out.printf("burst-benchmark messages=%d sent-in=%.1fs rate=%.0f/s heap-max=%dMiB idle-heap=%dMiB "
                                + "peak-heap=%dMiB heap-after-gc=%dMiB paged-to-disk=%dMiB delivered-by-end-of-burst=%d "
                                + "load=%.2f%n", n, sendSeconds, n / sendSeconds, max >> 20, idle >> 20, peak.get() >> 20,
                        after >> 20, paged >> 20, delivered, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.exit(0);
    }
}
