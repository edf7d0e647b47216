package dev.llmgateway.security.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the master key comes from: the environment ({@code LLMGW_MASTER_KEY}, base64 of 32 bytes), a
 * file holding the same, or — in development mode only — a key generated once into the data
 * directory ({@code master.key}, owner-only permissions). Production mode without a configured key is
 * refused at start-up, so secrets are never sealed under a key that lives next to the database.
 */
public final class MasterKeys {

    /** The generated development key's file name under the data directory. */
    public static final String DEV_FILE = "master.key";

    private MasterKeys() {
    }

    /** A new random key in the text form the environment variable and key files hold. */
    public static String generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Parses the base64 text of a 32-byte key; the message never includes the text. */
    public static byte[] parse(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new SecretException(source + " is not base64 (make one with: llm-gateway master-key)");
        }
        if (key.length != 32) {
            throw new SecretException(source + " must hold 32 bytes (256 bits) in base64, it holds " + key.length);
        }
        return key;
    }

    public static byte[] fromFile(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), "the master key file " + file);
        } catch (IOException e) {
            throw new SecretException("the master key file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The key to use: the configured one (environment text or file) when present; otherwise, unless
     * {@code production}, the development key under {@code dataDir}, created on first use.
     */
    public static SecretBox resolve(Optional<String> envText, Optional<Path> file, boolean production, Path dataDir) {
        if (envText.isPresent()) {
            return new SecretBox(parse(envText.get(), "LLMGW_MASTER_KEY"));
        }
        if (file.isPresent()) {
            return new SecretBox(fromFile(file.get()));
        }
        if (production) {
            throw new SecretException("production mode needs a master key to encrypt upstream secrets: set "
                    + "LLMGW_MASTER_KEY or security.master-key-file (make one with: llm-gateway master-key)");
        }
        return new SecretBox(developmentKey(dataDir.resolve(DEV_FILE)));
    }

    private static byte[] developmentKey(Path file) {
        if (Files.exists(file)) {
            return fromFile(file);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String text = generate();
            try {
                // created owner-only from the start, so the key is never readable by others, even briefly
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file); // not a POSIX file system
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return fromFile(file); // another process made it first
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return parse(text, "the generated master key");
        } catch (IOException e) {
            throw new SecretException("cannot create the development master key " + file + ": " + e.getMessage());
        }
    }

    static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
