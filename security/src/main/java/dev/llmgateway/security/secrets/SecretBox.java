package dev.llmgateway.security.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts upstream secrets (API keys, OAuth tokens) for storage with AES-256-GCM under the master
 * key. Each value gets a fresh 96-bit random nonce; the caller's {@code context} (the account id) is
 * bound as associated data, so a ciphertext copied onto another account's row does not decrypt.
 * Stored form: {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>}. Thread-safe.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String fingerprint;

    /** {@code masterKey} must be 32 bytes (AES-256). */
    public SecretBox(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (256 bits), got " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.fingerprint = MasterKeys.fingerprint(masterKey);
    }

    /** A short, non-secret id of the master key (first 8 hex digits of its SHA-256), for logs. */
    public String fingerprint() {
        return fingerprint;
    }

    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * The plaintext; throws {@link SecretException} (never echoing the value) when the stored form is
     * malformed, was sealed under another master key or for another context, or was altered.
     */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new SecretException("a stored secret must start with '" + PREFIX + "'");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretException("a stored secret is not valid base64");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException("a stored secret is too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(all, NONCE_BYTES)));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretException("a stored secret does not decrypt under master key " + fingerprint
                    + " (wrong master key, or the value was altered or moved)");
        } catch (GeneralSecurityException e) {
            throw new SecretException("a stored secret could not be decrypted: " + e.getClass().getSimpleName());
        }
    }
}
