package org.seamless.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one program of the topology (a broker, a hub, the adapters, a command): as a process here
 * ({@link #PROCESSES}), or in a container ({@link ContainerLauncher}). The command's first element is
 * {@code java} or a script path; paths in it are absolute and the same inside a container.
 */
interface Launcher {
    Launcher PROCESSES = (name, command, env, log) -> {
        List<String> cmd = new java.util.ArrayList<>(command);
        if ("java".equals(cmd.get(0))) {
            cmd.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        return new Running() {
            @Override
            public boolean isAlive() {
                return p.isAlive();
            }

            @Override
            public int exitCode() {
                return p.exitValue();
            }

            @Override
            public boolean waitFor(long seconds) throws InterruptedException {
                return p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS);
            }

            @Override
            public void kill() throws InterruptedException {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }

            @Override
            public void stop() throws InterruptedException {
                p.destroy();
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            }
        };
    };

    Running launch(String name, List<String> command, Map<String, String> env, Path log) throws IOException;

    /** A launched program. */
    interface Running {
        boolean isAlive();

        int exitCode();

        boolean waitFor(long seconds) throws InterruptedException;

        /** SIGKILL. */
        void kill() throws InterruptedException;

        /** SIGTERM, then SIGKILL after 30 s. */
        void stop() throws InterruptedException;
    }
}
