package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dkimtrend.config.JdbcPassword;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.sink.PostgresTables;
import io.dkimtrend.testing.LocalCluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/ must not rot: every manifest parses, runs the jar the build makes with the job's main
 * class and only flags the job has (read by the job's own {@link JobConfig}), and every topic the
 * job writes is created, the same way on Kubernetes, in Compose and by the plain script. (That its
 * scripts are valid bash takes a {@code bash} process: {@link DeployManifestsIT}.)
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path COMPOSE = DEPLOY.resolve("compose").resolve("docker-compose.yml");
    private static final Path TOPICS_SCRIPT = DEPLOY.resolve("kafka-topics.sh");
    private static final Path POD_MONITOR = DEPLOY.resolve("monitoring").resolve("podmonitor.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FAULT_TOLERANCE_KEY =
            Pattern.compile("((?:restart-strategy|execution\\.checkpointing)\\.[a-z.-]+): *(.+)");

    private static final String JAR_IN_IMAGE = "/opt/flink/usrlib/dkim-trend.jar";
    /** The group of the user {@code flink} that the official Flink image runs as. */
    private static final int FLINK_GID = 9999;
    private static final String MAIN_CLASS = DkimTrendJob.class.getName();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");
    private static final Path DASHBOARD = DEPLOY.resolve("monitoring").resolve("grafana-dashboard.json");
    private static final Path DATASOURCES = COMPOSE.getParent().resolve("grafana").resolve("datasources.yaml");
    /** Grafana's built-in PostgreSQL data source (its plugin id since Grafana 10.2). */
    private static final String GRAFANA_POSTGRES = "grafana-postgresql-datasource";
    /** {@code ${NAME}} or {@code ${NAME:-default}}: Compose's and Grafana's provisioning's interpolation. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::-([^}]*))?}");

    @Test
    void everyManifestParses() throws IOException {
        List<Path> manifests = new ArrayList<>(files(K8S, ".yaml"));
        manifests.add(COMPOSE);
        manifests.add(POD_MONITOR);
        manifests.addAll(files(COMPOSE.getParent().resolve("grafana"), ".yaml"));
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(10);
        for (Path manifest : manifests) {
            assertThat(documents(manifest)).as(manifest.toString()).isNotEmpty()
                    .allSatisfy(document -> assertThat(document.isObject()).as(manifest + " holds objects").isTrue());
        }
        assertThat(compose().path("services").fieldNames()).toIterable()
                .contains("kafka", "topics", "jobmanager", "taskmanager", "generator", "postgres", "prometheus", "grafana");
    }

    @Test
    void theFlinkDeploymentsRunTheJobJarWithFlagsTheJobHas() throws Exception {
        Map<String, JsonNode> deployments = flinkDeployments();
        assertThat(deployments).containsOnlyKeys("dkim-trend", "dkim-trend-backfill");
        String flinkVersion = "v" + projectFlinkVersion().replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2");
        deployments.forEach((name, deployment) -> {
            JsonNode spec = deployment.path("spec");
            assertThat(spec.path("flinkVersion").asText()).as(name).isEqualTo(flinkVersion);
            assertThat(spec.path("job").path("jarURI").asText()).as(name).isEqualTo("local://" + JAR_IN_IMAGE);
            assertThat(spec.path("job").path("entryClass").asText()).as(name).isEqualTo(MAIN_CLASS);
            assertThat(spec.path("job").path("parallelism").asInt()).as(name).isPositive();
            assertThatCode(() -> jobConfig(deployment)).as(name + ": the job accepts its flags").doesNotThrowAnyException();
            // The operator restores the job and sets its parallelism: flags for either would override it.
            assertThat(args(deployment)).as(name).doesNotContain("--checkpoint-dir", "--parallelism", "--from-savepoint");
        });
    }

    @Test
    void theLiveDeploymentStreamsWithDurableCheckpointsAndUpgradesFromState() throws Exception {
        JsonNode live = flinkDeployments().get("dkim-trend");
        JobConfig config = jobConfig(live);
        JsonNode flink = live.path("spec").path("flinkConfiguration");

        assertThat(config.isBounded()).isFalse();
        assertThat(live.path("spec").path("job").path("upgradeMode").asText()).isIn("savepoint", "last-state");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String dir : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.storageDir")) {
            assertThat(flink.path(dir).asText()).as(dir).matches("(file|s3|abfss|gs)://.+");
        }
        assertThat(flink.path("execution.checkpointing.externalized-checkpoint-retention").asText())
                .isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(flink.path("restart-strategy.type").asText()).isNotEmpty();
        assertThat(config.metricsTopic).isNotNull();
        assertThat(config.sinkBootstrapServers).as("Event Hubs has no transactions").isNotEqualTo(config.bootstrapServers);
    }

    /** The live job's restart strategy and checkpoint tolerance, as each place that runs it writes them. */
    @Test
    void everyPlaceThatRunsTheLiveJobMeetsFailuresAsTheJobItselfDoes() throws Exception {
        Configuration expected = FaultTolerance.restartStrategy(false);
        expected.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, FaultTolerance.TOLERABLE_FAILED_CHECKPOINTS);
        Map<String, String> k8s = new TreeMap<>();
        flinkDeployments().get("dkim-trend").path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(field -> k8s.put(field.getKey(), field.getValue().asText()));
        String compose = compose().path("services").path("jobmanager").path("environment").path("FLINK_PROPERTIES").asText();
        Map<String, Map<String, String>> places = Map.of("deploy/k8s live", k8s,
                "deploy/compose", flinkProperties(compose), "deploy/local-cluster", flinkProperties(Files.readString(LocalCluster.SCRIPT)));
        places.forEach((place, properties) -> {
            Configuration written = Configuration.fromMap(properties);
            for (String key : expected.keySet()) {
                assertThat(properties).as(place + " writes " + key).containsKey(key);
            }
            assertThat(written.get(RestartStrategyOptions.RESTART_STRATEGY)).as(place).isEqualTo("exponential-delay");
            for (var option : List.of(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD)) {
                assertThat(written.get(option)).as(place + " " + option.key()).isEqualTo(expected.get(option));
            }
            assertThat(written.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                    .as(place).isEqualTo(FaultTolerance.BACKOFF_MULTIPLIER);
            assertThat(written.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).as(place)
                    .isEqualTo(FaultTolerance.TOLERABLE_FAILED_CHECKPOINTS);
        });
    }

    /** The {@code key: value} lines of a Flink configuration written inline (restart and checkpointing keys). */
    private static Map<String, String> flinkProperties(String text) {
        Map<String, String> properties = new TreeMap<>();
        for (String line : text.lines().map(String::trim).toList()) {
            Matcher matcher = FAULT_TOLERANCE_KEY.matcher(line);
            if (matcher.matches()) properties.put(matcher.group(1), matcher.group(2).replace("\"", ""));
        }
        return properties;
    }

    @Test
    void theBackfillReplaysWholeDaysInBatchMode() throws Exception {
        JsonNode backfill = flinkDeployments().get("dkim-trend-backfill");
        JobConfig config = jobConfig(backfill);

        assertThat(config.runsInBatch()).isTrue();
        assertThat(config.range).isNotNull();
        assertThat(config.transactionalIdPrefix).as("never fences the live job").isEqualTo("dkim-trend-backfill");
        assertThat(backfill.path("spec").path("job").path("upgradeMode").asText()).isEqualTo("stateless");
    }

    /**
     * The live job and a backfill report their metrics under job names of their own, as the operator
     * runs them (it sets pipeline.name to the resource's name), so that a dashboard shows one of them.
     */
    @Test
    void theLiveJobAndTheBackfillReportUnderNamesOfTheirOwn() throws Exception {
        Map<String, String> labels = new TreeMap<>();
        flinkDeployments().forEach((name, deployment) -> {
            Configuration operator = new Configuration();
            operator.set(PipelineOptions.NAME, name);
            // the Prometheus reporter's filterLabelValueCharacters keeps only [a-zA-Z0-9:_]
            labels.put(name, DkimTrendJob.jobName(jobConfig(deployment), operator).replaceAll("[^a-zA-Z0-9:_]", "_"));
        });

        assertThat(labels).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "dkim-trend", "dkim_trend", "dkim-trend-backfill", "dkim_trend_backfill")));
    }

    /** The README's walkthrough names the files and the objects that deploy/ holds, under their names. */
    @Test
    void theReadmesCommandsMatchTheFiles() throws Exception {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        Matcher path = Pattern.compile("(?<![\\w/.-])deploy/[\\w./-]*\\w").matcher(readme);
        Matcher get = Pattern.compile("kubectl -n \\S+ get (flinkdeployment|pvc) ([a-z0-9-]+)").matcher(readme);
        List<String> paths = new ArrayList<>();
        while (path.find()) paths.add(path.group());
        Map<String, String> objects = new LinkedHashMap<>();
        while (get.find()) objects.put(get.group(2), get.group(1));

        assertThat(paths).contains("deploy/k8s", "deploy/k8s/flinkdeployment-backfill.yaml")
                .allSatisfy(file -> assertThat(Path.of(file)).as(file).exists());
        assertThat(objects).containsKeys("dkim-trend", "dkim-trend-backfill", "dkim-trend-state");
        for (Map.Entry<String, String> object : objects.entrySet()) {
            String kind = object.getValue().equals("pvc") ? "PersistentVolumeClaim" : "FlinkDeployment";
            assertThat(kind(kind)).as(kind + " " + object.getKey())
                    .anyMatch(document -> document.path("metadata").path("name").asText().equals(object.getKey()));
        }
    }

    /** The connection string reaches the Kafka clients from the Secret through the environment, nowhere else. */
    @Test
    void theEventHubsSecretReachesTheKafkaClientsThroughTheEnvironment() throws Exception {
        Map<String, Set<String>> secretKeys = new LinkedHashMap<>();
        for (JsonNode secret : kind("Secret")) {
            Set<String> keys = new TreeSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secret.path("data").fieldNames().forEachRemaining(keys::add);
            secretKeys.put(secret.path("metadata").path("name").asText(), keys);
        }
        for (Map.Entry<String, JsonNode> entry : flinkDeployments().entrySet()) {
            String name = entry.getKey();
            JobConfig config = jobConfig(entry.getValue());
            Map<String, String> kafka = config.kafkaProperties;
            Set<String> referenced = new LinkedHashSet<>();
            kafka.values().forEach(value -> {
                Matcher matcher = ENV_REFERENCE.matcher(value);
                while (matcher.find()) referenced.add(matcher.group(1));
            });

            assertThat(kafka.get("sasl.jaas.config")).as(name).contains("${env:");
            assertThat(kafka.get("config.providers.env.class")).as(name).isEqualTo(EnvVarConfigProvider.class.getName());
            assertThat(kafka.get("config.providers")).as(name).isEqualTo("env");
            Map<String, JsonNode> env = mainContainerEnvironment(entry.getValue());
            for (String variable : referenced) {
                assertThat(variable).as(name).matches(kafka.get("config.providers.env.param.allowlist.pattern"));
                assertThat(env).as(name + ": the pods have " + variable).containsKey(variable);
                JsonNode secretRef = env.get(variable).path("valueFrom").path("secretKeyRef");
                assertThat(secretKeys).as(name + ": " + variable + " comes from a Secret of deploy/k8s")
                        .containsKey(secretRef.path("name").asText());
                assertThat(secretKeys.get(secretRef.path("name").asText())).contains(secretRef.path("key").asText());
            }
        }
    }

    /**
     * {@code kubectl apply -k} must never replace the real connection string with the example's
     * placeholder: the Secret the jobs read comes from the README's {@code kubectl create}, not from
     * the kustomization.
     */
    @Test
    void theKustomizationLeavesTheSecretToTheReadmesCommand() throws Exception {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        List<String> resources = kustomizationResources();
        Set<String> secretsRead = new TreeSet<>();
        for (JsonNode deployment : flinkDeployments().values()) {
            mainContainerEnvironment(deployment).values().forEach(variable -> secretsRead.add(
                    variable.path("valueFrom").path("secretKeyRef").path("name").asText()));
        }
        secretsRead.remove("");

        assertThat(resources).allSatisfy(resource -> assertThat(documents(K8S.resolve(resource)))
                .as(resource).noneMatch(document -> document.path("kind").asText().equals("Secret")));
        assertThat(secretsRead).isNotEmpty().allSatisfy(secret ->
                assertThat(readme).contains("kubectl -n dkim-trend create secret generic " + secret));
        assertThat(readme).contains("kubectl apply -k deploy/k8s");
    }

    /** Prometheus finds every pod that reports: the PodMonitor's port is the reporter's, named on each job's pods. */
    @Test
    void thePodMonitorScrapesTheReporterPortOfEveryJob() throws Exception {
        JsonNode monitor = documents(POD_MONITOR).get(0);
        JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
        String portName = endpoint.path("port").asText();

        assertThat(monitor.path("kind").asText()).isEqualTo("PodMonitor");
        assertThat(monitor.path("spec").path("selector").path("matchLabels").path("type").asText())
                .as("the label Flink puts on the pods it creates").isEqualTo("flink-native-kubernetes");
        flinkDeployments().forEach((name, deployment) -> {
            JsonNode flink = deployment.path("spec").path("flinkConfiguration");
            assertThat(flink.path("metrics.reporter.prom.factory.class").asText()).as(name).endsWith("PrometheusReporterFactory");
            assertThat(deployment.path("metadata").path("namespace").asText()).as(name)
                    .isEqualTo(monitor.path("metadata").path("namespace").asText());
            List<Integer> ports = new ArrayList<>();
            for (JsonNode container : deployment.path("spec").path("podTemplate").path("spec").path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    if (port.path("name").asText().equals(portName)) ports.add(port.path("containerPort").asInt());
                }
            }
            assertThat(ports).as(name + ": port " + portName).containsExactly(flink.path("metrics.reporter.prom.port").asInt());
        });
    }

    /**
     * Every pod of a job reaches the same checkpoints: the claim it mounts is shipped, mountable on
     * many nodes by a storage class named (the clouds' default classes cannot), and writable by
     * the image's user through the pods' group.
     */
    @Test
    void theStateVolumeIsSharedByEveryPodAndWritableByFlinksUser() throws Exception {
        Map<String, JsonNode> claims = new LinkedHashMap<>();
        for (JsonNode claim : applied("PersistentVolumeClaim")) {
            claims.put(claim.path("metadata").path("name").asText(), claim.path("spec"));
        }
        JsonNode pod = flinkDeployments().get("dkim-trend").path("spec").path("podTemplate").path("spec");
        List<String> mounted = new ArrayList<>();
        pod.path("volumes").forEach(volume -> mounted.add(volume.path("persistentVolumeClaim").path("claimName").asText()));

        assertThat(mounted).isNotEmpty().allSatisfy(claim -> {
            assertThat(claims).containsKey(claim);
            assertThat(strings(claims.get(claim).path("accessModes"))).containsExactly("ReadWriteMany");
            assertThat(claims.get(claim).path("storageClassName").asText()).isNotEmpty();
        });
        assertThat(pod.path("securityContext").path("fsGroup").asInt()).as("the flink image's gid").isEqualTo(FLINK_GID);
    }

    /**
     * The account both jobs run as comes with the kustomization (the operator's chart makes one only
     * in the namespaces it watches), bound to a role that lets the JobManager do each of these.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''   | pods                   | native Kubernetes: the JobManager creates and deletes its TaskManagers
            apps | deployments            | the TaskManager pods are owned by the JobManager's deployment
            apps | deployments/finalizers | owner references where the cluster enforces them
            ''   | configmaps             | Kubernetes HA: leader election, job graph and checkpoint pointers
            """)
    void theServiceAccountTheJobsRunAsMay(String apiGroup, String resource, String why) throws Exception {
        for (JsonNode deployment : flinkDeployments().values()) {
            String namespace = deployment.path("metadata").path("namespace").asText();
            String account = deployment.path("spec").path("serviceAccount").asText();
            assertThat(applied("ServiceAccount")).as("ServiceAccount " + account)
                    .anyMatch(sa -> isNamed(sa, account, namespace));
            Set<String> roles = new TreeSet<>();
            for (JsonNode binding : applied("RoleBinding")) {
                for (JsonNode subject : binding.path("subjects")) {
                    if (subject.path("kind").asText().equals("ServiceAccount") && isNamed(subject, account, namespace)
                            && binding.path("metadata").path("namespace").asText().equals(namespace)) {
                        roles.add(binding.path("roleRef").path("name").asText());
                    }
                }
            }
            Set<String> verbs = new TreeSet<>();
            for (JsonNode role : applied("Role")) {
                if (!roles.contains(role.path("metadata").path("name").asText())
                        || !role.path("metadata").path("namespace").asText().equals(namespace)) continue;
                for (JsonNode rule : role.path("rules")) {
                    if (strings(rule.path("apiGroups")).contains(apiGroup) && strings(rule.path("resources")).contains(resource)) {
                        verbs.addAll(strings(rule.path("verbs")));
                    }
                }
            }
            assertThat(verbs).as(account + " on " + resource + ": " + why)
                    .containsAll(List.of("get", "list", "watch", "create", "update", "patch", "delete"));
        }
    }

    @Test
    void everyTopicTheJobWritesIsCreatedAndTheSeriesTopicsAreCompacted() throws Exception {
        Map<String, Map<String, String>> strimzi = new LinkedHashMap<>();
        for (JsonNode topic : kind("KafkaTopic")) {
            // v1 is the one version Strimzi serves from 0.49 on through 1.x (1.0 dropped v1beta2)
            assertThat(topic.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
            String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
            Map<String, String> configs = new LinkedHashMap<>();
            topic.path("spec").path("config").fields().forEachRemaining(c -> configs.put(c.getKey(), c.getValue().asText()));
            strimzi.put(name, configs);
        }
        Map<String, Map<String, String>> script = scriptTopics();
        JobConfig live = jobConfig(flinkDeployments().get("dkim-trend"));
        JobConfig compose = composeJobConfig();

        assertThat(strimzi.keySet()).as("the same topics with Strimzi and without").isEqualTo(script.keySet());
        strimzi.forEach((topic, configs) -> assertThat(configs.get("cleanup.policy")).as(topic)
                .isEqualTo(script.get(topic).get("cleanup.policy")));
        for (JobConfig config : List.of(live, jobConfig(flinkDeployments().get("dkim-trend-backfill")), compose)) {
            assertThat(strimzi).containsKeys(outputTopics(config).toArray(String[]::new));
        }
        assertThat(outputTopics(compose)).as("Compose writes where Kubernetes does").isEqualTo(outputTopics(live));
        for (String compacted : List.of(live.metricsTopic, live.alertsTopic)) {
            assertThat(strimzi.get(compacted)).as(compacted).containsEntry("cleanup.policy", "compact");
        }
    }

    @Test
    void composeRunsTheJobInApplicationModeFedByTheGenerator() throws Exception {
        JsonNode services = compose().path("services");
        JsonNode jobManager = services.path("jobmanager");
        List<String> command = strings(jobManager.path("command"));
        JobConfig config = composeJobConfig();
        JsonNode topicsEnvironment = services.path("topics").path("environment");

        assertThat(command.subList(0, 3)).containsExactly("standalone-job", "--job-classname", MAIN_CLASS);
        assertThat(jobManager.path("build").path("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
        assertThat(strings(services.path("taskmanager").path("command"))).containsExactly("taskmanager");
        assertThat(services.path("taskmanager").path("image").asText()).isEqualTo(jobManager.path("image").asText());
        assertThat(config.isBounded()).isFalse();
        assertThat(topicsEnvironment.path("EVENTS_TOPIC").asText()).isEqualTo(config.eventsTopic);
        assertThat(services.path("generator").path("environment").path("EVENTS_TOPIC").asText()).isEqualTo(config.eventsTopic);
        assertThat(strings(services.path("topics").path("command"))).contains("/deploy/kafka-topics.sh");
    }

    /** Every file the Compose stack mounts from the project is there: a missing one would be mounted as an empty folder. */
    @Test
    void everyFileComposeMountsExists() throws Exception {
        List<String> sources = new ArrayList<>();
        compose().path("services").forEach(service -> strings(service.path("volumes")).stream()
                .filter(volume -> volume.startsWith(".")).forEach(volume -> sources.add(volume.split(":")[0])));

        assertThat(sources).isNotEmpty().allSatisfy(source ->
                assertThat(COMPOSE.getParent().resolve(source)).as(source).exists());
    }

    /**
     * {@code docker compose up} gives a working Prometheus and Grafana: the Flink processes run the
     * reporter of deploy/monitoring, Prometheus scrapes each of them on its port, and Grafana shows
     * the dashboard on that Prometheus.
     */
    @Test
    void composeMonitorsTheJobWithPrometheusAndGrafana() throws Exception {
        JsonNode services = compose().path("services");
        JsonNode reporter = documents(DEPLOY.resolve("monitoring").resolve("flink-metrics.yaml")).get(0);
        JsonNode scrape = documents(DEPLOY.resolve("monitoring").resolve("prometheus.yml")).get(0)
                .path("scrape_configs").get(0).path("dns_sd_configs").get(0);
        JsonNode datasource = documents(COMPOSE.getParent().resolve("grafana").resolve("datasources.yaml")).get(0)
                .path("datasources").get(0);
        JsonNode dashboards = documents(COMPOSE.getParent().resolve("grafana").resolve("dashboards.yaml")).get(0)
                .path("providers").get(0);
        Set<String> flinkServices = new TreeSet<>();
        services.fields().forEachRemaining(service -> {
            String properties = service.getValue().path("environment").path("FLINK_PROPERTIES").asText();
            if (properties.isEmpty()) return;
            flinkServices.add(service.getKey());
            JsonNode flink = parse(properties);
            reporter.fields().forEachRemaining(setting -> assertThat(flink.path(setting.getKey()).asText())
                    .as(service.getKey() + ": " + setting.getKey()).isEqualTo(setting.getValue().asText()));
        });
        String firstPort = reporter.path("metrics.reporter.prom.port").asText().split("-")[0];

        assertThat(flinkServices).containsExactlyInAnyOrder("jobmanager", "taskmanager");
        assertThat(strings(scrape.path("names"))).containsExactlyInAnyOrderElementsOf(flinkServices);
        assertThat(scrape.path("port").asText()).as("each container's reporter takes the range's first port").isEqualTo(firstPort);
        assertThat(strings(services.path("prometheus").path("volumes")))
                .contains("../monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(strings(services.path("grafana").path("volumes"))).contains("../monitoring/grafana-dashboard.json:"
                + dashboards.path("options").path("path").asText() + "/dkim-trend.json:ro");
    }

    /**
     * Where the live job runs, it also upserts into PostgreSQL: flags the job's own {@link JobConfig}
     * reads, and the password only from the environment of the process that runs the job's main
     * (the JobManager, in application mode), filled from a Secret or from Compose's variable.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deploy/k8s live | a Secret of deploy/k8s, by secretKeyRef
            deploy/compose  | the same variable as the postgres service's password
            """)
    void theLiveJobWritesToPostgresWithThePasswordFromItsEnvironmentOnly(String place, String passwordFrom) throws Exception {
        boolean k8s = place.startsWith("deploy/k8s");
        JsonNode live = flinkDeployments().get("dkim-trend");
        List<String> args = k8s ? args(live) : composeJobArgs();
        JobConfig withoutEnvironment = JobConfig.fromArgs(Map.of(), args.toArray(String[]::new));
        JobConfig withPassword = JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, "from-the-environment"),
                args.toArray(String[]::new));

        assertThat(withoutEnvironment.jdbcUrl).as(place).startsWith("jdbc:postgresql://");
        assertThat(withoutEnvironment.jdbcUser).as(place).isNotBlank();
        assertThat(withoutEnvironment.jdbcPassword).as(place + ": no password in the flags").isNull();
        assertThat(withPassword.jdbcPassword).as(place).isEqualTo("from-the-environment");
        assertThat(args).as(place).noneMatch(arg -> arg.toLowerCase(Locale.ROOT).contains("jdbc.password")
                || arg.toLowerCase(Locale.ROOT).contains("jdbc-password"));
        if (k8s) {
            JsonNode variable = mainContainerEnvironment(live).get(JdbcPassword.ENVIRONMENT);
            assertThat(variable).as(place + ": the pods have " + JdbcPassword.ENVIRONMENT).isNotNull();
            assertThat(variable.has("value")).as(place + ": " + passwordFrom).isFalse();
            JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
            JsonNode secret = kind("Secret").stream()
                    .filter(s -> s.path("metadata").path("name").asText().equals(ref.path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(place + ": " + passwordFrom + ", named " + ref));
            assertThat(secret.path("stringData").has(ref.path("key").asText())).as(place + ": the Secret's key").isTrue();
            String placeholder = secret.path("stringData").path(ref.path("key").asText()).asText();
            assertThat(args).as(place + ": the Secret's value is not in the args").noneMatch(arg -> arg.contains(placeholder));
        } else {
            JsonNode services = compose().path("services");
            JsonNode postgres = services.path("postgres").path("environment");
            String password = services.path("jobmanager").path("environment").path(JdbcPassword.ENVIRONMENT).asText();
            Matcher variable = INTERPOLATION.matcher(password);
            assertThat(variable.matches()).as(place + ": " + password + " is a variable").isTrue();
            assertThat(password).as(place + ": " + passwordFrom).isEqualTo(postgres.path("POSTGRES_PASSWORD").asText());
            assertThat(args).as(place).noneMatch(arg -> arg.contains(password)
                    || variable.group(2) != null && arg.contains(variable.group(2)));
        }
    }

    /** Compose's job writes to its postgres service, which is up before the job starts. */
    @Test
    void composeRunsPostgresForTheLiveJob() throws Exception {
        JsonNode services = compose().path("services");
        JsonNode postgres = services.path("postgres");
        JobConfig config = composeJobConfig();

        assertThat(postgres.path("image").asText()).as("an official image, pinned").matches("postgres:\\d+\\.\\d+");
        assertThat(strings(postgres.path("healthcheck").path("test"))).isNotEmpty().anyMatch(test -> test.contains("pg_isready"));
        assertThat(services.path("jobmanager").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(config.jdbcUrl).isEqualTo("jdbc:postgresql://postgres:5432/"
                + postgres.path("environment").path("POSTGRES_DB").asText());
        assertThat(config.jdbcUser).isEqualTo(postgres.path("environment").path("POSTGRES_USER").asText());
        assertThat(services.path("taskmanager").path("environment").has(JdbcPassword.ENVIRONMENT))
                .as("only the JobManager runs the job's main, which reads the password").isFalse();
    }

    /** Grafana in Compose reads the tables the job writes, as the job's database user, with the same password. */
    @Test
    void composeProvisionsGrafanaWithThePostgresTheJobWrites() throws Exception {
        JsonNode services = compose().path("services");
        JsonNode postgres = services.path("postgres").path("environment");
        JobConfig config = composeJobConfig();
        List<JsonNode> datasources = new ArrayList<>();
        documents(DATASOURCES).get(0).path("datasources").forEach(datasources::add);
        JsonNode datasource = datasources.stream().filter(d -> d.path("type").asText().equals(GRAFANA_POSTGRES))
                .findFirst().orElseThrow(() -> new AssertionError("no " + GRAFANA_POSTGRES + " in " + DATASOURCES));
        Matcher password = INTERPOLATION.matcher(datasource.path("secureJsonData").path("password").asText());

        assertThat(config.jdbcUrl).isEqualTo("jdbc:postgresql://" + datasource.path("url").asText() + "/"
                + datasource.path("jsonData").path("database").asText());
        assertThat(datasource.path("user").asText()).isEqualTo(config.jdbcUser);
        assertThat(password.matches()).as("Grafana's password comes from its environment").isTrue();
        assertThat(services.path("grafana").path("environment").path(password.group(1)).asText())
                .isEqualTo(postgres.path("POSTGRES_PASSWORD").asText());
        assertThat(datasources).filteredOn(d -> d.path("type").asText().equals("prometheus")).hasSize(1);
    }

    /**
     * The dashboard's SQL reads only tables and columns the job creates (the DDL of
     * {@link PostgresTables}, under the tables' default names, which the live job keeps), with the
     * data source type Grafana provisions, and follows the dashboard's time range.
     */
    @Test
    void theDashboardsSqlNamesOnlyTablesAndColumnsTheJobCreates() throws Exception {
        JobConfig live = jobConfig(flinkDeployments().get("dkim-trend"));
        Map<String, Set<String>> tables = Map.of(
                live.jdbcTable, ddlColumns(PostgresTables.metricsDdl(live.jdbcTable).get(0)),
                live.jdbcAlertsTable, ddlColumns(PostgresTables.alertsDdl(live.jdbcAlertsTable).get(0)));
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> queries = dashboardSql(dashboard);

        assertThat(composeJobConfig().jdbcTable).isEqualTo(live.jdbcTable);
        assertThat(composeJobConfig().jdbcAlertsTable).isEqualTo(live.jdbcAlertsTable);
        assertThat(tables.get(live.jdbcTable)).contains("series", "day", "emails", "dkim_fail", "dkim_fail_ratio");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(4);
        queries.forEach((where, sql) -> assertThat(unknownNames(sql, tables)).as(where + ": " + sql).isEmpty());
        assertThat(queries).as("the panels that read a table follow the time range")
                .allSatisfy((where, sql) -> assertThat(where.startsWith("variable") || sql.contains("$__timeFilter(day)"))
                        .as(where).isTrue());
        assertThat(dashboard.at("/templating/list")).anyMatch(variable -> variable.path("type").asText().equals("datasource")
                && variable.path("query").asText().equals(GRAFANA_POSTGRES));
    }

    /** The check above catches what it is there for. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            SELECT day, emails FROM dkim_trend_daily WHERE $__timeFilter(day)                    | ``
            SELECT CAST(day AS timestamp) AS "time", dkim_fail AS failures FROM dkim_trend_daily | ``
            SELECT day FROM dkim_trend_daily WHERE series = '$series' AND status = 'x'           | status
            SELECT day, metric, drivers FROM dkim_trend_alerts WHERE series = 'o''brien'         | ``
            SELECT day, metrics FROM dkim_trend_alerts                                           | metrics
            SELECT day FROM dkim_trend_days                                                      | dkim_trend_days,day
            """)
    void theSqlCheckFindsUnknownNames(String sql, String unknown) {
        Map<String, Set<String>> tables = Map.of(
                "dkim_trend_daily", ddlColumns(PostgresTables.metricsDdl("dkim_trend_daily").get(0)),
                "dkim_trend_alerts", ddlColumns(PostgresTables.alertsDdl("dkim_trend_alerts").get(0)));

        assertThat(String.join(",", unknownNames(sql, tables))).isEqualTo(unknown);
    }

    @Test
    void theDockerfilePutsTheSlimJarWhereApplicationModeLooksForIt() throws Exception {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> stages = lines.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertThat(stages).hasSize(2);
        assertThat(stages.get(1)).isEqualTo("FROM flink:" + projectFlinkVersion() + "-scala_2.12-java17");
        assertThat(lines).anyMatch(line -> line.startsWith("RUN mvn") && line.contains("-Pcluster") && line.endsWith("package"));
        assertThat(lines).anyMatch(line -> line.startsWith("COPY --from=build")
                && line.endsWith("/target/dkim-trend.jar " + JAR_IN_IMAGE));
    }

    @Test
    void theLocalClusterRunsTheProjectsFlinkVersion() throws Exception {
        assertThat(property(DEPLOY.resolve("local-cluster").resolve("pom.xml"), "flink.version"))
                .isEqualTo(projectFlinkVersion());
    }

    private static Set<String> outputTopics(JobConfig config) {
        Set<String> topics = new TreeSet<>();
        for (String topic : new String[] {config.metricsTopic, config.alertsTopic, config.deadLetterTopic, config.lateEventsTopic}) {
            if (topic != null) topics.add(topic);
        }
        return topics;
    }

    /** The topics of deploy/kafka-topics.sh: its {@code create NAME PARTITIONS key=value...} lines. */
    private static Map<String, Map<String, String>> scriptTopics() throws IOException {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TOPICS_SCRIPT)) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 3 || !words[0].equals("create") || words[1].startsWith("\"")) continue;
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 3; i < words.length; i++) {
                String[] pair = words[i].split("=", 2);
                configs.put(pair[0], pair[1]);
            }
            topics.put(words[1], configs);
        }
        return topics;
    }

    private static boolean isNamed(JsonNode object, String name, String namespace) {
        JsonNode metadata = object.has("metadata") ? object.path("metadata") : object;
        return metadata.path("name").asText().equals(name) && metadata.path("namespace").asText().equals(namespace);
    }

    /** The objects of this kind that {@code kubectl apply -k deploy/k8s} applies. */
    private static List<JsonNode> applied(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String file : kustomizationResources()) {
            for (JsonNode document : documents(K8S.resolve(file))) {
                if (document.path("kind").asText().equals(kind)) found.add(document);
            }
        }
        return found;
    }

    /** The files {@code kubectl apply -k deploy/k8s} applies; each one exists. */
    private static List<String> kustomizationResources() throws IOException {
        List<String> resources = strings(documents(K8S.resolve("kustomization.yaml")).get(0).path("resources"));
        assertThat(resources).isNotEmpty().allSatisfy(resource -> assertThat(K8S.resolve(resource)).isRegularFile());
        return resources;
    }

    private static JobConfig composeJobConfig() throws IOException {
        return JobConfig.fromArgs(composeJobArgs().toArray(String[]::new));
    }

    /** The job's flags in Compose: the JobManager's command after {@code standalone-job --job-classname CLASS}. */
    private static List<String> composeJobArgs() throws IOException {
        List<String> command = strings(compose().path("services").path("jobmanager").path("command"));
        return command.subList(3, command.size());
    }

    private static final Pattern DDL_COLUMN = Pattern.compile("(?m)^\\s+([a-z_][a-z0-9_]*)\\s+[a-z]");
    private static final Pattern SQL_ALIAS = Pattern.compile("(?i)\\bAS\\s+(\"[^\"]*\"|\\w+)");
    private static final Pattern SQL_STRING = Pattern.compile("'(?:[^']|'')*'");
    /** Grafana's macros ({@code $__timeFilter(day)}: its argument stays) and variables ({@code $series}). */
    private static final Pattern GRAFANA_NAMES = Pattern.compile("\\$__\\w+|\\$\\{?\\w+}?");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> SQL_WORDS = Set.of("select", "distinct", "from", "where", "and", "or", "not",
            "order", "by", "asc", "desc", "cast", "limit", "is", "null", "in", "between", "true", "false");

    /** The column names of a {@code CREATE TABLE}: each line that starts with a lower-case name and its type. */
    private static Set<String> ddlColumns(String createTable) {
        Set<String> columns = new TreeSet<>();
        Matcher column = DDL_COLUMN.matcher(createTable);
        while (column.find()) columns.add(column.group(1));
        return columns;
    }

    /**
     * The names in a query that are neither SQL words nor a table of {@code tables} after FROM, nor a
     * column of the tables it reads. Aliases ({@code AS name}, also a CAST's type), string literals
     * and Grafana's macros and variables are left out first.
     */
    private static List<String> unknownNames(String sql, Map<String, Set<String>> tables) {
        String names = GRAFANA_NAMES.matcher(SQL_STRING.matcher(SQL_ALIAS.matcher(sql).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        List<String> words = new ArrayList<>();
        Matcher name = SQL_NAME.matcher(names);
        while (name.find()) words.add(name.group());
        List<String> unknown = new ArrayList<>();
        Set<String> columns = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase("from")) read.add(words.get(i + 1));
        }
        for (String table : read) {
            if (tables.containsKey(table)) columns.addAll(tables.get(table)); else unknown.add(table);
        }
        for (String word : words) {
            if (!SQL_WORDS.contains(word.toLowerCase(Locale.ROOT)) && !read.contains(word) && !columns.contains(word)) {
                unknown.add(word);
            }
        }
        return unknown;
    }

    /** Each SQL query of the dashboard (panels' targets and variables of the PostgreSQL data source), by where it is. */
    private static Map<String, String> dashboardSql(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.path("datasource").path("type").asText().equals(GRAFANA_POSTGRES)) {
                    queries.put("panel " + panel.path("title").asText() + " " + target.path("refId").asText(),
                            target.path("rawSql").asText());
                }
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if (variable.path("datasource").path("type").asText().equals(GRAFANA_POSTGRES)) {
                queries.put("variable " + variable.path("name").asText(), variable.path("query").asText());
            }
        }
        return queries;
    }

    private static JobConfig jobConfig(JsonNode deployment) {
        return JobConfig.fromArgs(args(deployment).toArray(String[]::new));
    }

    private static List<String> args(JsonNode deployment) {
        return strings(deployment.path("spec").path("job").path("args"));
    }

    private static Map<String, JsonNode> mainContainerEnvironment(JsonNode deployment) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode container : deployment.path("spec").path("podTemplate").path("spec").path("containers")) {
            if (!container.path("name").asText().equals("flink-main-container")) continue;
            container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        }
        return env;
    }

    private static Map<String, JsonNode> flinkDeployments() throws IOException {
        Map<String, JsonNode> deployments = new LinkedHashMap<>();
        for (JsonNode deployment : kind("FlinkDeployment")) {
            deployments.put(deployment.path("metadata").path("name").asText(), deployment);
        }
        return deployments;
    }

    private static List<JsonNode> kind(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (Path manifest : files(K8S, ".yaml")) {
            for (JsonNode document : documents(manifest)) {
                if (document.path("kind").asText().equals(kind)) found.add(document);
            }
        }
        return found;
    }

    /**
     * The Compose file with its merge keys ({@code <<: *flink}) resolved, as Compose reads it;
     * Jackson's YAML reader leaves a merge key as a field named {@code <<}.
     */
    private static JsonNode compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            return new ObjectMapper().valueToTree(new Yaml().load(reader));
        }
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> documents(Path manifest) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest.toFile())) {
            return values.readAll();
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String projectFlinkVersion() throws Exception {
        return property(Path.of("pom.xml"), "flink.version");
    }

    private static String property(Path pom, String name) throws Exception {
        var properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getElementsByTagName(name);
        assertThat(properties.getLength()).as(pom + " defines " + name).isEqualTo(1);
        return properties.item(0).getTextContent().trim();
    }
}
