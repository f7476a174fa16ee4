package org.seamless.privacy.consent;

/** The registry contract, in memory. */
class InMemoryConsentRegistryTest extends ConsentRegistryContract {
    @Override
    ConsentRegistry newRegistry() {
        return new InMemoryConsentRegistry();
    }
}
