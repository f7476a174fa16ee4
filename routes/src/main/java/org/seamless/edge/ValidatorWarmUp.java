package org.seamless.edge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.validation.ProfiledMessageValidator;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Builds the UK Core profile validator on a thread of its own from the very start of the context's
 * refresh (as a bean factory post-processor it is created before any application bean), so that
 * loading HAPI's base definitions and the UK Core set overlaps the rest of start-up (database,
 * broker, web services, routes) instead of adding to it (ADR 0059). It holds start-up before the
 * first lifecycle phase (before the web server and the routes start) until the validator is ready:
 * the application still reports UP only when the first sender will not wait for the profiles, and a
 * validator that cannot be built still fails start-up.
 */
final class ValidatorWarmUp implements BeanFactoryPostProcessor, SmartLifecycle {
    private static final String WARM_UP = "{\"resourceType\":\"Bundle\",\"type\":\"message\"}";

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean running;

    ValidatorWarmUp() {
        Thread thread = new Thread(() -> {
            try {
                ProfiledMessageValidator.fullValidation(MessageBundles.parse(WARM_UP));
                ready.complete(null);
            } catch (Throwable e) {
                ready.completeExceptionally(e);
            }
        }, "validator-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // nothing to change: a post-processor only so that the warm-up starts first
    }

    /** Waits for the validator; called before any other lifecycle bean starts. */
    @Override
    public void start() {
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the UK Core profiles were loading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the UK Core profile validator could not be built", e.getCause());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
