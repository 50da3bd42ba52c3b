package io.dkimtrend.config;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.ParameterTool;

/**
 * A command line asked for its values by {@link Flag} rather than by name, so that the job reads no
 * flag that {@code --help} does not list.
 */
final class CommandLine {

    /** ParameterTool's value of a flag given without one. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private final ParameterTool params;

    private CommandLine(ParameterTool params) {
        this.params = params;
    }

    /**
     * ParameterTool's own error quotes the whole command line, credentials included; this one names
     * only the position of the stray value.
     */
    static CommandLine parse(String[] args) {
        try {
            return new CommandLine(ParameterTool.fromArgs(args));
        } catch (IllegalArgumentException e) {
            int position = 0;
            for (int i = 0; i < args.length; i++) {
                boolean previousIsFlag = i > 0 && args[i - 1].startsWith("-");
                if (!args[i].startsWith("-") && !previousIsFlag) {
                    position = i + 1;
                    break;
                }
            }
            throw new IllegalArgumentException("cannot read the command line at argument " + position
                    + ": a value without a --flag before it (quote values that contain spaces)");
        }
    }

    /** Puts the {@code --kafka.*} and {@code --sink-kafka.*} values into the maps. */
    void putKafkaProperties(Map<String, String> source, Map<String, String> sink) {
        params.toMap().forEach((key, value) -> KafkaProperties.put(key, value, source, sink));
    }

    /** Every key must be a {@link Flag} or a Kafka property with a value. */
    void requireKnownFlags() {
        Map<String, String> given = params.toMap();
        given.forEach((key, value) -> {
            if (NO_VALUE.equals(value) && KafkaProperties.isProperty(key)) {
                // Its value began with '-' and now reads as a flag of its own: never name that flag.
                throw new IllegalArgumentException("--" + key + " has no value (a value that starts with '-' "
                        + "reads as a flag; give it in --kafka-properties or the environment)");
            }
        });
        for (String key : given.keySet()) {
            if (!KafkaProperties.isProperty(key) && !Flag.isKnown(key)) {
                throw new IllegalArgumentException("unknown flag --" + key + " (see --help)");
            }
        }
    }

    boolean has(Flag flag) {
        return params.has(flag.name);
    }

    /**
     * The flag's value, else its default from {@link Flag}: the one place a default is written. Null
     * when the flag is absent and has no default.
     */
    String get(Flag flag) {
        String value = params.get(flag.name, flag.defaultValue);
        if (NO_VALUE.equals(value) && flag.argument != null) {
            // a flag that takes a value was given none: never read ParameterTool's marker as one
            throw new IllegalArgumentException("--" + flag.name + " needs a value: " + flag.argument);
        }
        return value;
    }

    int getInt(Flag flag) {
        return FlagValues.integer(flag, valueOrDefault(flag));
    }

    long getLong(Flag flag) {
        return FlagValues.wholeNumber(flag, valueOrDefault(flag));
    }

    double getDouble(Flag flag) {
        return FlagValues.number(flag, valueOrDefault(flag));
    }

    Duration getDuration(Flag flag) {
        return FlagValues.duration(flag, valueOrDefault(flag));
    }

    /** A flag naming a place that Flink opens, as {@link Places#flinkPlace}, or null when not given. */
    String getFlinkPlace(Flag flag) {
        String value = getPlace(flag);
        return value == null ? null : Places.flinkPlace(flag, value);
    }

    /** A flag naming a local file the launcher reads or writes, as {@link Places#localFile}, or null. */
    String getLocalFile(Flag flag) {
        String value = getPlace(flag);
        return value == null ? null : Places.localFile(flag, value);
    }

    private String getPlace(Flag flag) {
        String value = params.get(flag.name);
        if (value != null && (NO_VALUE.equals(value) || value.isBlank())) {
            // without this, the next step would create a folder named after ParameterTool's marker
            throw new IllegalArgumentException("--" + flag.name + " needs a path");
        }
        return value;
    }

    /** A typed flag is read only when given or when it has a default: no fallback at the call site. */
    private String valueOrDefault(Flag flag) {
        String value = get(flag);
        if (value == null) {
            throw new IllegalStateException("--" + flag.name + " was not given and has no default in Flag");
        }
        return value;
    }
}
