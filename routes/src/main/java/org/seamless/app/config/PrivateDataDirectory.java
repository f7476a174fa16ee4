package org.seamless.app.config;

import java.nio.file.Path;
import org.seamless.mappings.canonical.PrivateFiles;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the data directory private. Before anything starts, the directory and the folders the
 * embedded database and broker write to are made owner-only (700), so nothing a library creates
 * in them under the process umask is reachable by other users. Once the application is ready, and
 * then periodically, the files the database and broker created themselves are set to 600
 * explicitly. Files Seamless writes itself are owner-only from creation ({@link PrivateFiles}).
 */
@Configuration(proxyBeanMethods = false)
public class PrivateDataDirectory {
    private final Path dataDir;

    public PrivateDataDirectory(SeamlessProperties props) {
        this.dataDir = props.dataDir();
    }

    /** Runs before any bean is made: the folders exist, owner-only, before the database or broker writes. */
    @Bean
    static BeanFactoryPostProcessor privateDataDirectoryBeforeStart(Environment env) {
        return beanFactory -> {
            Path dir = Path.of(env.getProperty("seamless.data-dir", "./data"));
            PrivateFiles.directory(dir);
            PrivateFiles.directory(dir.resolve("db"));
            PrivateFiles.directory(dir.resolve("broker"));
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        restrict();
    }

    /** The database and broker journal files, 600; their folders, 700. */
    @Scheduled(initialDelayString = "${seamless.files.restrict-interval:PT1M}",
            fixedDelayString = "${seamless.files.restrict-interval:PT1M}")
    public void restrict() {
        PrivateFiles.directory(dataDir);
        PrivateFiles.restrictTree(dataDir.resolve("db"));
        PrivateFiles.restrictTree(dataDir.resolve("broker"));
        PrivateFiles.restrictTree(dataDir.resolve("keys"));
    }
}
