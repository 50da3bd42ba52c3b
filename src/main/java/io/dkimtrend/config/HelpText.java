package io.dkimtrend.config;

/**
 * The text of {@code --help}: one line per {@link Flag}, so that it cannot leave a flag out, with
 * the flag's default from the table.
 */
final class HelpText {

    private HelpText() {}

    static String render() {
        StringBuilder text = new StringBuilder();
        text.append("dkim-trend: a daily DKIM-failure series from Microsoft Defender EmailEvents\n\n")
                .append("Usage: java -jar dkim-trend.jar [flags]   (no flags: replay the bundled sample events)\n")
                .append("       flink run dkim-trend.jar [flags]\n")
                .append("       java -jar dkim-trend.jar chart --chart PATH (--metrics-file DIR | --metrics-topic TOPIC ...)\n\n");
        for (Flag flag : Flag.values()) {
            String left = "  --" + flag.name + (flag.argument == null ? "" : " " + flag.argument);
            text.append(String.format("%-42s %s%n", left, line(flag)));
        }
        text.append("\nDURATION: 30 s, 10 min, 6 h, 2 d or ISO-8601 (PT10M).\n")
                .append("Kafka credentials: in --kafka-properties FILE or in environment variables such as\n")
                .append("DKIM_TREND_KAFKA_SASL_JAAS_CONFIG (kafka.sasl.jaas.config) and DKIM_TREND_SINK_KAFKA_SASL_JAAS_CONFIG,\n")
                .append("so that they stay off the command line.\n");
        return text.toString();
    }

    /** The flag's description, and its default when it has one. */
    static String line(Flag flag) {
        return flag.defaultValue == null ? flag.description : flag.description + " Default: " + flag.defaultValue + ".";
    }
}
