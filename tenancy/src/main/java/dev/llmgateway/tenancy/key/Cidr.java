package dev.llmgateway.tenancy.key;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address
 * ({@code 192.0.2.7}, {@code ::1}), parsed without ever asking DNS. Immutable.
 *
 * @param network the network's address bytes (4 or 16), host bits zero
 * @param prefix  how many leading bits must match
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
    }

    /** A copy of the network's address bytes. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    /**
     * Parses {@code text}; empty with the reason when it is not an address or network. A network
     * whose host bits are set ({@code 10.1.2.3/8}) is refused: it is almost always a typo.
     */
    public static Parsed parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        Optional<byte[]> address = literal(host);
        if (address.isEmpty()) {
            return Parsed.error("'" + text + "' is not an IPv4 or IPv6 address or network.");
        }
        byte[] bytes = address.get();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > bits) {
                return Parsed.error("'" + text + "' has a bad prefix length; it must be 0 to " + bits + ".");
            }
            prefix = Integer.parseInt(p);
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            return Parsed.error("'" + text + "' has host bits set; did you mean '" + format(masked) + "/" + prefix
                    + "'?");
        }
        return new Parsed(Optional.of(new Cidr(bytes, prefix)), "");
    }

    /** A parse outcome: the network, or the reason it is not one. */
    public record Parsed(Optional<Cidr> cidr, String error) {
        static Parsed error(String message) {
            return new Parsed(Optional.empty(), message);
        }
    }

    /** True when {@code address} is in this network; an IPv4 address never matches an IPv6 network. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /** True when any of {@code cidrs} contains {@code address}; an empty list allows every address. */
    public static boolean anyContains(List<Cidr> cidrs, InetAddress address) {
        return cidrs.isEmpty() || cidrs.stream().anyMatch(c -> c.contains(address));
    }

    /** The address bytes of an IPv4 or IPv6 literal; empty for anything else (host names included). */
    static Optional<byte[]> literal(String host) {
        if (host.indexOf(':') >= 0) {
            // Only hex digits, colons and an embedded dotted quad: InetAddress then parses a literal
            // and never resolves a name. Zones (%eth0) are refused.
            if (host.startsWith(".")
                    || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(host).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return ipv4(host);
    }

    private static Optional<byte[]> ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return Optional.empty();
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return Optional.of(out);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    private static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
