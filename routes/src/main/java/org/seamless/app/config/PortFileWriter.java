package org.seamless.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Writes the HTTP port actually bound to {@code seamless.port-file} when set, so that scripts and
 * tests can start Seamless on port 0 and find it.
 */
@Component
public class PortFileWriter implements ApplicationListener<WebServerInitializedEvent> {
    private final String portFile;

    public PortFileWriter(@Value("${seamless.port-file:}") String portFile) {
        this.portFile = portFile;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (portFile.isBlank()) {
            return;
        }
        Path target = Path.of(portFile);
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(event.getWebServer().getPort()));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write port file " + target, e);
        }
    }
}
