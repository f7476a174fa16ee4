package org.seamless.app.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This process's name among the hub instances sharing one database ({@code seamless.instance-id}):
 * recorded with every job run and every lease it holds, and with the tokens it issues. Defaults to
 * {@code <host name>-<process id>}, unique per running process; set it to a stable name (e.g. the pod
 * name) so operators can tell the instances apart across restarts. Never personal data.
 */
@Component
public class InstanceId {
    private final String value;

    public InstanceId(@Value("${seamless.instance-id:}") String configured) {
        String v = configured == null || configured.isBlank() ? hostName() + "-" + ProcessHandle.current().pid()
                : configured.strip();
        if (v.length() > 128 || !v.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalStateException("seamless.instance-id must be 1-128 letters, digits or . _ : -");
        }
        this.value = v;
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
            return h.isEmpty() ? ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9._-]", "") : h;
        } catch (UnknownHostException e) {
            return "host";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
