package org.seamless.app.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.SharedContext;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The running application's security filter chain uses Seamless's firewall rules (ADR 0094), and it refuses a header
 * holding a control character that Tomcat lets through (a C1 control, byte 0x85, is "obs-text" to HTTP): the
 * agency's API key with such a byte after it is refused as a malformed request (400), not checked as a wrong
 * key (401), while the same key with an assigned character after it (0xE9, é) is checked, and refused, as a key.
 */
@SharedContext
class HeaderFirewallIT extends SeamlessTestBase {
    @Autowired
    @Qualifier("springSecurityFilterChain")
    jakarta.servlet.Filter securityChain;

    @Test
    void theChainUsesSeamlessFirewallRules() {
        assertThat(securityChain).isInstanceOf(FilterChainProxy.class);
        // why: the bean is Spring's composite around the chain that filters; it hands a firewall on to that chain
        Object inner = ReflectionTestUtils.getField(securityChain, "springSecurityFilterChain");
        Object used = ReflectionTestUtils.getField(inner == null ? securityChain : inner, "firewall");
        assertThat(used).isInstanceOf(StrictHttpFirewall.class);
        assertThat(ReflectionTestUtils.getField(used, "allowedHeaderNames")).isSameAs(Firewall.NAME);
        assertThat(ReflectionTestUtils.getField(used, "allowedHeaderValues")).isSameAs(Firewall.HEADER_VALUE);
        assertThat(ReflectionTestUtils.getField(used, "allowedParameterNames")).isSameAs(Firewall.NAME);
    }

    @Test
    void aControlCharacterInTheKeyIsRefusedAsMalformedAndAnAssignedOneAsAWrongKey() throws Exception {
        String key = ENV.apiKey(TestEnvironment.TRUST);
        assertThat(status(key + "\u0085")).isEqualTo(400);
        assertThat(status(key + "\u00e9")).isEqualTo(401);
    }

    /** Posts an empty message to the FHIR edge with {@code apiKey} sent as ISO-8859-1 bytes; returns the status. */
    private int status(String apiKey) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST /fhir/$process-message HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 2\r\nConnection: close\r\nX-API-Key: "
                    + apiKey + "\r\n\r\n{}";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
            String statusLine = answer.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            assertThat(statusLine).startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
