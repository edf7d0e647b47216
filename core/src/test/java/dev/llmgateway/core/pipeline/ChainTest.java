package dev.llmgateway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTest {

    /** A stage that records its name on the way in and out, then proceeds. */
    private record Recording(String name) implements Stage<List<String>> {
        @Override
        public void handle(List<String> log, Chain<List<String>> chain) {
            log.add(name + ">");
            chain.proceed(log);
            log.add("<" + name);
        }
    }

    private record Answering(String name) implements Stage<List<String>> {
        @Override
        public void handle(List<String> log, Chain<List<String>> chain) {
            log.add(name + " answered");
        }
    }

    private record ProceedsTwice(String name) implements Stage<List<String>> {
        @Override
        public void handle(List<String> log, Chain<List<String>> chain) {
            chain.proceed(log);
            chain.proceed(log);
        }
    }

    @Test
    void start_stagesThatProceed_runInOrderAndUnwindInReverse() {
        List<String> log = new ArrayList<>();
        Chain.start(List.of(new Recording("a"), new Recording("b"), new Recording("c")), log);
        assertEquals(List.of("a>", "b>", "c>", "<c", "<b", "<a"), log);
    }

    @Test
    void start_stageThatDoesNotProceed_stopsTheChain() {
        List<String> log = new ArrayList<>();
        Chain.start(List.of(new Recording("a"), new Answering("b"), new Recording("c")), log);
        assertEquals(List.of("a>", "b answered", "<a"), log);
    }

    @Test
    void start_noStages_doesNothing() {
        List<String> log = new ArrayList<>();
        Chain.start(List.of(), log);
        assertTrue(log.isEmpty());
    }

    @Test
    void proceed_lastStageProceeds_isHarmless() {
        List<String> log = new ArrayList<>();
        Chain.start(List.of(new Recording("only")), log);
        assertEquals(List.of("only>", "<only"), log);
    }

    @Test
    void proceed_calledTwice_throwsNamingTheStage() {
        List<String> log = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chain.start(List.of(new Recording("first"), new ProceedsTwice("culprit"), new Recording("last")),
                        log));
        assertTrue(e.getMessage().contains("culprit"), e.getMessage());
        // the next stage ran exactly once before the contract broke
        assertEquals(1, log.stream().filter("last>"::equals).count());
    }

    @Test
    void proceed_calledTwiceByLastStage_throwsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chain.start(List.of(new Recording("a"), new ProceedsTwice("tail")), new ArrayList<>()));
        assertTrue(e.getMessage().contains("tail"), e.getMessage());
    }

    @Test
    void proceed_calledTwiceByLambdaStage_namesItByDefaultName() {
        Stage<List<String>> lambda = (log, chain) -> {
            chain.proceed(log);
            chain.proceed(log);
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chain.start(List.of(lambda), new ArrayList<>()));
        assertTrue(e.getMessage().contains(lambda.name()), e.getMessage());
    }

    @Test
    void start_listChangedAfterStart_doesNotAffectRunningChain() {
        List<String> log = new ArrayList<>();
        List<Stage<List<String>>> stages = new ArrayList<>();
        stages.add(new Stage<>() {
            @Override
            public void handle(List<String> l, Chain<List<String>> chain) {
                l.add("mutator");
                stages.add(new Answering("late"));
                chain.proceed(l);
            }
        });
        Chain.start(stages, log);
        assertEquals(List.of("mutator"), log);
    }

    static final class PlainStage implements Stage<List<String>> {
        @Override
        public void handle(List<String> exchange, Chain<List<String>> chain) {
            chain.proceed(exchange);
            chain.proceed(exchange);
        }
    }

    @Test
    void name_notOverridden_isSimpleClassNameAndAppearsInContractError() {
        PlainStage stage = new PlainStage();
        assertEquals("PlainStage", stage.name());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chain.start(List.of(stage), new ArrayList<>()));
        assertTrue(e.getMessage().endsWith("PlainStage"), e.getMessage());
    }
}
