package org.textgan.experiments.sweep;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.textgan.experiments.eval.EvalConfig;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.Estimator;
import org.textgan.experiments.train.TrainOption;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.schedule.ScheduleSpec;

/**
 * The options a sweep can fix or vary, in four namespaces, each read from the one place that declares it (so a new
 * trainer option is a sweep option without any change here): {@code train} and {@code schedule} = the trainer's
 * {@link TrainOption}s (those under {@code schedule.} are the schedule's), {@code model} = {@link Model},
 * {@code eval} = {@link Eval}; all snake_case, as in {@code config.json}. A value is checked by building the declaring
 * type from its defaults with that one value, so the type's own validation and allowed values produce the message.
 */
final class SweepOptions {
    /** The snake_case JSON mapper of run configs. */
    static final ObjectMapper JSON = org.textgan.common.Json.strict();

    /** The namespaces. */
    static final String TRAIN = "train";
    /** Schedule options. */
    static final String SCHEDULE = "schedule";
    /** Generator (pretraining model) options. */
    static final String MODEL = "model";
    /** Evaluation options. */
    static final String EVAL = "eval";

    /** Default estimator when a sweep names none. */
    static final String DEFAULT_ESTIMATOR = "gumbel";
    /** Default adversarial steps per run. */
    static final long DEFAULT_STEPS = 300;

    /**
     * The generator of the shared pretraining.
     *
     * @param embedding E
     * @param hidden H
     * @param layers LSTM layers
     */
    record Model(int embedding, int hidden, int layers) {
        /** Validated by the generator's own config. */
        Model {
            GeneratorConfig.of(8, 8, 1).withSizes(embedding, hidden, layers);
        }

        static Model defaults() {
            return new Model(GeneratorConfig.DEFAULT_EMBEDDING, GeneratorConfig.DEFAULT_HIDDEN, 1);
        }
    }

    /**
     * Evaluation of every run.
     *
     * @param samples samples per run (BLEU hypotheses and the Self-BLEU set)
     * @param maxTestSequences test sequences for NLL-test (0: all)
     * @param maxReferences BLEU references (0: all)
     */
    record Eval(int samples, int maxTestSequences, int maxReferences) {
        /** Validated by the evaluator's own config. */
        Eval {
            new EvalConfig(samples, 1.0, 1, 1, maxTestSequences, maxReferences);
        }

        static Eval defaults() {
            return new Eval(500, 0, 0);
        }
    }

    /**
     * The shared MLE pretraining.
     *
     * @param steps steps
     * @param batchSize batch size
     * @param learningRate Adam step size
     */
    record Pretrain(long steps, int batchSize, double learningRate) {
        /** Checks the values. */
        Pretrain {
            if (steps < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("steps and batch_size must be at least 1 and learning_rate "
                        + "positive");
            }
        }

        static Pretrain defaults() {
            return new Pretrain(1000, 64, 2e-3);
        }
    }

    /** The schedule a run gets unless the sweep says otherwise: constant tau 1, floor 0.1, rate 1e-3 every 10, beta 100. */
    static ScheduleSpec defaultSchedule() {
        return new ScheduleSpec("constant", 1.0, 0.1, 1e-3, 10, 100.0);
    }

    private SweepOptions() {
    }

    /**
     * @param namespace a namespace
     * @return its option names, snake_case, from the declaring type ({@code train} without {@code schedule} and
     *         {@code seed}, which the sweep sets itself)
     */
    static Set<String> names(String namespace) {
        Set<String> out = new LinkedHashSet<>();
        if (namespace.equals(TRAIN) || namespace.equals(SCHEDULE)) {
            // the trainer's one declaration of its options
            for (TrainOption o : TrainOption.values()) {
                if (o.inSchedule() == namespace.equals(SCHEDULE) && o != TrainOption.SEED) {
                    out.add(o.leafKey());
                }
            }
            return out;
        }
        for (BeanPropertyDefinition p : describe(type(namespace)).findProperties()) {
            out.add(p.getName());
        }
        return out;
    }

    private static BeanDescription describe(Class<?> c) {
        JavaType t = JSON.constructType(c);
        return JSON.getDeserializationConfig().introspect(t);
    }

    private static Class<?> type(String namespace) {
        return switch (namespace) {
            case TRAIN -> AdversarialConfig.class;
            case SCHEDULE -> ScheduleSpec.class;
            case MODEL -> Model.class;
            case EVAL -> Eval.class;
            default -> throw new IllegalArgumentException(namespace);
        };
    }

    /**
     * The defaults of a namespace as a tree.
     *
     * @param namespace the namespace
     * @param estimator the estimator (trainer defaults depend on it)
     * @return a fresh tree
     */
    static ObjectNode defaults(String namespace, String estimator) {
        return switch (namespace) {
            case TRAIN -> JSON.valueToTree(AdversarialConfig.defaults(Estimator.parse(estimator)));
            case SCHEDULE -> JSON.valueToTree(defaultSchedule());
            case MODEL -> JSON.valueToTree(Model.defaults());
            case EVAL -> JSON.valueToTree(Eval.defaults());
            default -> throw new IllegalArgumentException(namespace);
        };
    }

    /**
     * Builds the namespace's type from a tree, validating it.
     *
     * @param namespace the namespace
     * @param tree the tree
     * @return the value
     * @throws IllegalArgumentException with "expected ..., found ..." or the type's own message
     */
    static Object build(String namespace, JsonNode tree) {
        try {
            Object v = JSON.treeToValue(tree, type(namespace));
            if (v instanceof ScheduleSpec s) {
                s.build(1000); // the schedule's own validation of the name and its values
            }
            return v;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(explain(e), e);
        }
    }

    /** A Jackson conversion failure as "expected X, found Y" or the validating constructor's message. */
    static String explain(com.fasterxml.jackson.core.JacksonException e) {
        if (e instanceof ValueInstantiationException vi && vi.getCause() != null) {
            return vi.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + org.textgan.common.JsonFiles.describeType(JSON.constructType(f.getTargetType()))
                    + ", found " + (f.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(f.getValue()));
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return "expected " + org.textgan.common.JsonFiles.describeType(JSON.constructType(mi.getTargetType()));
        }
        return org.textgan.common.JsonFiles.oneLine(e.getOriginalMessage());
    }

    /**
     * @param namespace a namespace
     * @param key an option of it
     * @return the results.csv column (and run-id key) of the option: its name, {@code schedule} for the schedule's
     *         name, {@code eval_<key>} for evaluation options
     */
    static String column(String namespace, String key) {
        if (namespace.equals(SCHEDULE) && key.equals("name")) {
            return SCHEDULE;
        }
        return namespace.equals(EVAL) ? "eval_" + key : key;
    }

    /** @return every option name of the four namespaces, for "expected one of" messages */
    static List<String> all() {
        Set<String> s = new java.util.TreeSet<>();
        for (String ns : List.of(TRAIN, SCHEDULE)) {
            s.addAll(names(ns));
        }
        s.remove("name");
        s.add(SCHEDULE);
        s.add(MODEL + ": {" + String.join(", ", names(MODEL)) + "}");
        s.add(EVAL + ": {" + String.join(", ", names(EVAL)) + "}");
        return List.copyOf(s);
    }
}
