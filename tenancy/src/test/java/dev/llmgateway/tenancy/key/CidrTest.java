package dev.llmgateway.tenancy.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static Cidr cidr(String text) {
        Cidr.Parsed p = Cidr.parse(text);
        return p.cidr().orElseThrow(() -> new AssertionError(p.error()));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void contains_ipv4Network_matchesInsideOnly() throws Exception {
        Cidr net = cidr("10.0.0.0/8");
        assertTrue(net.contains(ip("10.0.0.1")));
        assertTrue(net.contains(ip("10.255.255.255")));
        assertFalse(net.contains(ip("11.0.0.0")));
        assertFalse(net.contains(ip("127.0.0.1")));
    }

    @Test
    void contains_oddPrefix_splitsInsideAByte() throws Exception {
        Cidr net = cidr("192.168.4.0/22");
        assertTrue(net.contains(ip("192.168.7.255")));
        assertFalse(net.contains(ip("192.168.8.0")));
        assertFalse(net.contains(ip("192.168.3.255")));
    }

    @Test
    void contains_singleIpv4Address_matchesOnlyItself() throws Exception {
        Cidr one = cidr("203.0.113.7");
        assertEquals(32, one.prefix());
        assertTrue(one.contains(ip("203.0.113.7")));
        assertFalse(one.contains(ip("203.0.113.8")));
    }

    @Test
    void contains_ipv6Network_matchesInsideOnly() throws Exception {
        Cidr net = cidr("2001:db8::/32");
        assertTrue(net.contains(ip("2001:db8:1234::1")));
        assertFalse(net.contains(ip("2001:db9::1")));
    }

    @Test
    void contains_singleIpv6Address_matchesOnlyItself() throws Exception {
        Cidr one = cidr("::1");
        assertEquals(128, one.prefix());
        assertTrue(one.contains(ip("::1")));
        assertFalse(one.contains(ip("::2")));
    }

    @Test
    void contains_otherFamily_neverMatches() throws Exception {
        assertFalse(cidr("::/0").contains(ip("10.0.0.1")));
        assertFalse(cidr("0.0.0.0/0").contains(ip("::1")));
        assertTrue(cidr("0.0.0.0/0").contains(ip("8.8.8.8")));
    }

    @Test
    void anyContains_emptyList_allowsAll_otherwiseAnyMatch() throws Exception {
        assertTrue(Cidr.anyContains(List.of(), ip("1.2.3.4")));
        List<Cidr> two = List.of(cidr("10.0.0.0/8"), cidr("192.0.2.1"));
        assertTrue(Cidr.anyContains(two, ip("192.0.2.1")));
        assertFalse(Cidr.anyContains(two, ip("127.0.0.1")));
    }

    @Test
    void parse_whitespaceAround_isTrimmed() {
        assertEquals("10.0.0.0/8", cidr("  10.0.0.0/8 ").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.0.0", "256.0.0.1", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/",
            "::/129", "localhost", "example.com", "10.0.0.0/8x", "2001:db8::zz", "fe80::1%eth0", ".:1", "1.2.3.04444",
            "+1.2.3.4", "10.0.0.0/ 8"})
    void parse_badInput_isRefusedWithReason(String text) {
        Cidr.Parsed p = Cidr.parse(text);
        assertTrue(p.cidr().isEmpty(), text);
        assertTrue(p.error().contains("'" + text + "'"), p.error());
    }

    @Test
    void parse_hostBitsSet_suggestsTheNetwork() {
        Cidr.Parsed p = Cidr.parse("10.1.2.3/8");
        assertTrue(p.cidr().isEmpty());
        assertTrue(p.error().contains("10.0.0.0/8"), p.error());
        assertTrue(Cidr.parse("2001:db8::1/32").error().contains("2001:db8:0:0:0:0:0:0/32"));
    }
}
