package org.seamless.privacy.keys;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;

/** Tink's AES-SIV (deterministic authenticated encryption) over a 64-byte key from the key store. */
final class AesSiv {
    private AesSiv() {
    }

    /** The primitive for {@code key}; {@code what} names the key's use in the error (never the key). */
    static DeterministicAead of(SecretKey key, String what) {
        try {
            AesSivKey siv = AesSivKey.builder()
                    .setParameters(AesSivParameters.builder().setKeySizeBytes(64)
                            .setVariant(AesSivParameters.Variant.NO_PREFIX).build())
                    .setKeyBytes(SecretBytes.copyFrom(key.getEncoded(), InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(siv).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build AES-SIV for " + what, e);
        }
    }
}
