package dev.llmgateway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.classifier.Intent;
import dev.llmgateway.classifier.Language;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutoPolicyTest {

    private static final Candidate CHEAP = new Candidate("p/cheap", 0.15, 0.6, 0.6, 16_000, true, false, true);
    private static final Candidate STRONG = new Candidate("p/strong", 2.5, 10, 0.9, 128_000, true, true, true);
    private static final Candidate MID = new Candidate("p/mid", 1.0, 4, 0.75, 128_000, false, false, true);

    /** A classifier that always answers the given complexity, or never answers. */
    private record FixedClassifier(Optional<Double> complexity) implements Classifier {
        @Override
        public Classification classify(String text) {
            return tryClassify(text, Duration.ZERO).orElseThrow();
        }

        @Override
        public Optional<Classification> tryClassify(String text, Duration budget) {
            return complexity.map(c -> new Classification(Language.EN, Intent.CODING, 0.9, c, c, new float[0]));
        }

        @Override
        public boolean available() {
            return complexity.isPresent();
        }

        @Override
        public void close() {
        }
    }

    private static AutoPolicy policy(Optional<Double> complexity, double target, Set<String> unavailable,
                                     Candidate... candidates) {
        return new AutoPolicy(new PolicySettings("auto", List.of(candidates), target, Duration.ofMillis(20),
                Optional.empty()), new FixedClassifier(complexity), m -> !unavailable.contains(m));
    }

    private static ChatRequest request(String json) {
        return new OpenAiChatCodec().decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String SIMPLE = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void candidatesWithoutDeclaredPrices_arePricedByTheBook() {
        Candidate a = new Candidate("p/a", Double.NaN, Double.NaN, 0.6, 0, true, false, true);
        Candidate b = new Candidate("p/b", Double.NaN, Double.NaN, 0.6, 0, true, false, true);
        Candidate unpriced = new Candidate("p/unpriced", Double.NaN, Double.NaN, 0.6, 0, true, false, true);
        PriceLookup book = m -> switch (m) {
            case "p/a" -> Optional.of(new double[] {3.0, 15.0});
            case "p/b" -> Optional.of(new double[] {0.25, 1.25});
            default -> Optional.empty();
        };
        AutoPolicy policy = new AutoPolicy(new PolicySettings("auto", List.of(unpriced, a, b), 0.5,
                Duration.ofMillis(20), Optional.empty()), new FixedClassifier(Optional.of(0.2)), m -> true,
                LiveStats.NONE, book);

        AutoPolicy.Decision d = policy.decide(request(SIMPLE), Optional.empty());

        assertEquals("p/b", d.chosen().model(), "the book's cheaper model");
        assertEquals(0.25, d.chosen().inputPrice());
        assertEquals(List.of("p/b", "p/a", "p/unpriced"), d.eligible().stream().map(Candidate::model).toList(),
                "a candidate no one prices counts as the most expensive");
    }

    @Test
    void declaredPrices_winOverTheBook() {
        Candidate declared = new Candidate("p/a", 10, 30, 0.6, 0, true, false, true);
        Candidate booked = new Candidate("p/b", Double.NaN, Double.NaN, 0.6, 0, true, false, true);
        PriceLookup book = m -> Optional.of(new double[] {0.1, 0.1});
        AutoPolicy policy = new AutoPolicy(new PolicySettings("auto", List.of(declared, booked), 0.5,
                Duration.ofMillis(20), Optional.empty()), new FixedClassifier(Optional.of(0.2)), m -> true,
                LiveStats.NONE, book);

        AutoPolicy.Decision d = policy.decide(request(SIMPLE), Optional.empty());

        assertEquals("p/b", d.chosen().model());
        assertEquals(10, d.eligible().get(1).inputPrice(), "p/a keeps its declared price");
    }

    @Test
    void lowComplexity_choosesTheCheapestAdequateModel() {
        AutoPolicy.Decision d = policy(Optional.of(0.2), 0.5, Set.of(), STRONG, CHEAP).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/cheap", d.chosen().model());
        assertEquals(0.2, d.requiredQuality(), 1e-9);
    }

    @Test
    void highComplexity_choosesAModelGoodEnough() {
        AutoPolicy.Decision d = policy(Optional.of(0.8), 0.5, Set.of(), CHEAP, STRONG).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/strong", d.chosen().model());
    }

    @Test
    void middleComplexity_choosesTheCheapestThatReachesTheBar_notTheBest() {
        AutoPolicy.Decision d = policy(Optional.of(0.7), 0.5, Set.of(), CHEAP, STRONG, MID)
                .decide(request(SIMPLE), Optional.empty());
        assertEquals("p/mid", d.chosen().model());
    }

    @Test
    void qualityTarget_shiftsTheBar_andAHeaderOverrideWins() {
        AutoPolicy p = policy(Optional.of(0.5), 0.5, Set.of(), CHEAP, STRONG);
        assertEquals("p/cheap", p.decide(request(SIMPLE), Optional.of(0.5)).chosen().model());
        assertEquals("p/strong", p.decide(request(SIMPLE), Optional.of(0.9)).chosen().model());
        assertEquals("p/cheap", p.decide(request(SIMPLE), Optional.of(0.0)).chosen().model());
    }

    @Test
    void nothingReachesTheBar_choosesTheBest() {
        AutoPolicy.Decision d = policy(Optional.of(1.0), 1.0, Set.of(), CHEAP, MID).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/mid", d.chosen().model());
        assertTrue(d.rule().startsWith("none reaches"));
    }

    @Test
    void images_needAVisionModel_evenWhenSimple() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}";
        AutoPolicy.Decision d = policy(Optional.of(0.0), 0.5, Set.of(), CHEAP, STRONG).decide(request(body), Optional.empty());
        assertEquals("p/strong", d.chosen().model());
        assertTrue(d.rejected().get(0).contains("no image input"));
    }

    @Test
    void tools_needAToolModel() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}";
        AutoPolicy.Decision d = policy(Optional.of(0.7), 0.5, Set.of(), MID, STRONG).decide(request(body), Optional.empty());
        assertEquals("p/strong", d.chosen().model(), "mid reaches the bar but has no tools");
    }

    @Test
    void longPrompt_needsALongContextModel() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(20_000) + "\"}]}";
        AutoPolicy.Decision d = policy(Optional.of(0.0), 0.5, Set.of(), CHEAP, STRONG).decide(request(body), Optional.empty());
        assertEquals("p/strong", d.chosen().model());
        assertTrue(d.rejected().get(0).contains("context"));
    }

    @Test
    void modelWithoutAvailableAccount_isSkipped() {
        AutoPolicy.Decision d = policy(Optional.of(0.1), 0.5, Set.of("p/cheap"), CHEAP, STRONG)
                .decide(request(SIMPLE), Optional.empty());
        assertEquals("p/strong", d.chosen().model());
    }

    @Test
    void classifierUnavailable_fallsBackAtOnceToTheCheapest() {
        AutoPolicy.Decision d = policy(Optional.empty(), 0.5, Set.of(), STRONG, CHEAP).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/cheap", d.chosen().model());
        assertTrue(d.classification().isEmpty());
        assertTrue(d.explain("auto").contains("classifier unavailable"));
    }

    @Test
    void noEligibleModel_is400NamingWhy() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}";
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> policy(Optional.of(0.1), 0.5, Set.of(), CHEAP, MID).decide(request(body), Optional.empty()));
        assertTrue(e.getMessage().contains("no image input"));
    }

    @Test
    void explanation_namesModelIntentComplexityTargetAndRule() {
        String line = policy(Optional.of(0.8), 0.5, Set.of(), CHEAP, STRONG).decide(request(SIMPLE), Optional.empty())
                .explain("auto");
        assertEquals("policy=auto; model=p/strong; intent=coding; language=en; complexity=0.80; difficulty=0.80; target=0.50; "
                + "required=0.80; rule=cheapest with quality >= 0.80; candidates=p/cheap,p/strong", line);
    }

    @Test
    void explanation_listsTheExcludedCandidatesWithWhy() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}";
        String line = policy(Optional.of(0.1), 0.5, Set.of(), CHEAP, STRONG).decide(request(body), Optional.empty())
                .explain("auto");
        assertTrue(line.endsWith("; candidates=p/strong; excluded=p/cheap: no image input"), line);
    }

    private static AutoPolicy live(Optional<Double> complexity, LiveStats stats, Candidate... candidates) {
        return new AutoPolicy(new PolicySettings("auto", List.of(candidates), 0.5, Duration.ofMillis(20),
                Optional.empty(), new LiveRules(0.25, 5, 3, Duration.ofMinutes(5))), new FixedClassifier(complexity),
                m -> true, stats);
    }

    @Test
    void failingCheapModel_isSkippedByLiveScores_andTheHeaderSaysWhy() {
        LiveStats stats = (model, window) -> model.equals("p/cheap") ? new LiveStats.Sample(2, 8, 300)
                : LiveStats.Sample.EMPTY;
        AutoPolicy.Decision d = live(Optional.of(0.2), stats, CHEAP, MID, STRONG).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/mid", d.chosen().model(), "the next cheapest adequate one");
        assertEquals(3, d.eligible().size(), "still eligible, kept as the last fallback");
        assertTrue(d.explain("auto").endsWith("; skipped p/cheap: error rate 0.80 over 5m (8/10)"), d.explain("auto"));
        AutoPolicy.Decision fallback = live(Optional.empty(), stats, CHEAP, MID).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/mid", fallback.chosen().model(), "the classifier's fallback skips it too");
    }

    @Test
    void slowModel_isSkipped_butWhenEveryModelIsDegradedTheUsualChoiceStands() {
        LiveStats slow = (model, window) -> new LiveStats.Sample(10, 0, model.equals("p/cheap") ? 9_000 : 1_000);
        AutoPolicy.Decision d = live(Optional.of(0.2), slow, CHEAP, MID, STRONG).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/mid", d.chosen().model());
        assertTrue(d.explain("auto").contains("skipped p/cheap: latency 9000 ms over 5m, 9.0x peers' 1000 ms"),
                d.explain("auto"));
        LiveStats failing = (model, window) -> new LiveStats.Sample(0, 10, -1);
        AutoPolicy.Decision all = live(Optional.of(0.2), failing, CHEAP, MID).decide(request(SIMPLE), Optional.empty());
        assertEquals("p/cheap", all.chosen().model());
        assertTrue(all.explain("auto").contains("all degraded, none skipped"), all.explain("auto"));
    }
}
