package dev.llmgateway.security.keys;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The configured client keys. A presented key is hashed and compared with every stored hash in
 * constant time ({@link MessageDigest#isEqual}), without stopping at the first match, so the time
 * taken says nothing about which key, or how much of one, matched. Immutable and thread-safe.
 */
public final class KeyRing {

    private final List<KeyEntry> entries;
    private final byte[][] digests;

    public KeyRing(List<KeyEntry> entries) {
        this.entries = List.copyOf(entries);
        this.digests = new byte[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            digests[i] = ApiKeys.parseHash(entries.get(i).hash());
        }
    }

    public Optional<ClientIdentity> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = ApiKeys.digest(presented);
        int found = -1;
        for (int i = 0; i < digests.length; i++) {
            if (MessageDigest.isEqual(digest, digests[i])) {
                found = i;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        KeyEntry entry = entries.get(found);
        return Optional.of(new ClientIdentity(entry.publicId(), entry.name(), entry.allowedModels(), Permission.READ_WRITE,
                new ClientIdentity.Tenant(entry.orgId(), ""), entry.limits()));
    }

    public int size() {
        return entries.size();
    }
}
