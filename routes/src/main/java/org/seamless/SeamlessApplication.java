package org.seamless;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the Seamless hub and the adapters named in configuration. */
@SpringBootApplication
public class SeamlessApplication {
    public static void main(String[] args) {
        SpringApplication.run(SeamlessApplication.class, args);
    }
}
