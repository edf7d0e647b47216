package dev.llmgateway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live-score rule against fake statistics. */
class LiveScoreTest {

    private static final Candidate CHEAP = new Candidate("p/cheap", 0.15, 0.6, 0.6, 0, true, false, true);
    private static final Candidate MID = new Candidate("p/mid", 1.0, 4, 0.75, 0, true, false, true);
    private static final Candidate STRONG = new Candidate("p/strong", 2.5, 10, 0.9, 0, true, true, true);
    private static final List<Candidate> ALL = List.of(CHEAP, MID, STRONG);
    private static final LiveRules RULES = LiveRules.DEFAULTS; // 0.25, 10 attempts, 3x, 5m

    private static final class FakeStats implements LiveStats {
        final Map<String, Sample> samples = new HashMap<>();
        Duration asked;

        FakeStats with(String model, long ok, long failed, double latency) {
            samples.put(model, new Sample(ok, failed, latency));
            return this;
        }

        @Override
        public Sample sample(String model, Duration window) {
            asked = window;
            return samples.getOrDefault(model, Sample.EMPTY);
        }
    }

    @Test
    void noStatistics_keepsEveryCandidate() {
        LiveScore.Adjusted a = LiveScore.adjust(ALL, RULES, new FakeStats());
        assertEquals(ALL, a.kept());
        assertTrue(a.skipped().isEmpty());
        assertEquals("", a.describe());
    }

    @Test
    void errorRateAboveThreshold_skipsTheCandidate_andSaysWhy() {
        FakeStats stats = new FakeStats().with("p/cheap", 29, 21, 500).with("p/mid", 50, 1, 600);
        LiveScore.Adjusted a = LiveScore.adjust(ALL, RULES, stats);
        assertEquals(List.of(MID, STRONG), a.kept());
        assertEquals("error rate 0.42 over 5m (21/50)", a.skipped().get("p/cheap"));
        assertEquals("skipped p/cheap: error rate 0.42 over 5m (21/50)", a.describe());
        assertEquals(Duration.ofMinutes(5), stats.asked, "reads the policy's window");
    }

    @Test
    void errorRateAtThreshold_orTooFewAttempts_isNotSkipped() {
        FakeStats stats = new FakeStats().with("p/cheap", 15, 5, 500) // 0.25: not above
                .with("p/mid", 0, 9, -1); // every attempt failed, but only 9 < 10
        assertEquals(ALL, LiveScore.adjust(ALL, RULES, stats).kept());
    }

    @Test
    void latencyFarAbovePeersMedian_skipsTheCandidate() {
        FakeStats stats = new FakeStats().with("p/cheap", 20, 0, 4200).with("p/mid", 20, 0, 700)
                .with("p/strong", 20, 0, 900);
        LiveScore.Adjusted a = LiveScore.adjust(ALL, RULES, stats);
        assertEquals(List.of(MID, STRONG), a.kept());
        assertEquals("latency 4200 ms over 5m, 5.3x peers' 800 ms", a.skipped().get("p/cheap"));
    }

    @Test
    void latencyWithinRatio_orWithoutPeersToCompare_isNotSkipped() {
        FakeStats within = new FakeStats().with("p/cheap", 20, 0, 2000).with("p/mid", 20, 0, 800);
        assertEquals(ALL, LiveScore.adjust(ALL, RULES, within).kept(), "2.5x is within 3x");
        FakeStats alone = new FakeStats().with("p/cheap", 20, 0, 90_000).with("p/mid", 5, 0, 100);
        assertEquals(ALL, LiveScore.adjust(ALL, RULES, alone).kept(), "the only peer has too few successes");
    }

    @Test
    void everyCandidateDegraded_noneIsSkipped_butTheExplanationSaysSo() {
        FakeStats stats = new FakeStats().with("p/cheap", 0, 10, -1).with("p/mid", 1, 20, 100)
                .with("p/strong", 5, 5, 100);
        LiveScore.Adjusted a = LiveScore.adjust(ALL, RULES, stats);
        assertEquals(ALL, a.kept());
        assertTrue(a.allDegraded());
        assertTrue(a.describe().startsWith("all degraded, none skipped: p/cheap: error rate 1.00"), a.describe());
    }

    @Test
    void checksTurnedOff_neverSkip() {
        LiveRules off = new LiveRules(1, 1, 0, Duration.ofMinutes(1));
        FakeStats stats = new FakeStats().with("p/cheap", 0, 100, -1).with("p/mid", 100, 0, 10_000)
                .with("p/strong", 100, 0, 10);
        LiveScore.Adjusted a = LiveScore.adjust(ALL, off, stats);
        assertEquals(ALL, a.kept());
        assertFalse(a.allDegraded());
    }

    @Test
    void customThresholds_andWindowInSeconds() {
        LiveRules strict = new LiveRules(0.1, 3, 1.5, Duration.ofSeconds(90));
        FakeStats stats = new FakeStats().with("p/cheap", 8, 2, 100).with("p/mid", 3, 0, 400)
                .with("p/strong", 3, 0, 200);
        LiveScore.Adjusted a = LiveScore.adjust(ALL, strict, stats);
        assertEquals(List.of(STRONG), a.kept());
        assertEquals("error rate 0.20 over 90s (2/10)", a.skipped().get("p/cheap"));
        // mid's peers: cheap (100) and strong (200), median 150; 400 > 1.5 * 150
        assertEquals("latency 400 ms over 90s, 2.7x peers' 150 ms", a.skipped().get("p/mid"));
    }
}
