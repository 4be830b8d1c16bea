package io.driftwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.yaml.snakeyaml.Yaml;

import io.driftwatch.DriftwatchApplication;

/** The shipped alert rules pass promtool's checks and their unit tests, which make every alert fire. */
class AlertRulesTest {

    private static final Pattern COMMAND = Pattern.compile("`([^`]*)`");
    private static final String JAR = "java -jar driftwatch.jar ";

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        ExternalTool promtool = Promtool.require();
        Path dir = PushedAlertsTest.RULES.getParent();

        ExternalTool.Result check = promtool.run(dir, "check", "rules", PushedAlertsTest.RULES.toString());
        ExternalTool.Result unitTests = promtool.run(dir, "test", "rules", PushedAlertsTest.UNIT_TESTS.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + alerts().size() + " rules found");
        assertThat(unitTests.exitCode()).as(unitTests.output()).isZero();
        assertThat(unitTests.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresInSomeUnitTest() throws IOException {
        Set<String> firing = new TreeSet<>();
        Map<String, Object> file = new Yaml().load(Files.readString(PushedAlertsTest.UNIT_TESTS));
        for (Object test : (List<?>) file.get("tests")) {
            for (Object alertTest : (List<?>) ((Map<?, ?>) test).get("alert_rule_test")) {
                Map<?, ?> t = (Map<?, ?>) alertTest;
                if (!((List<?>) t.get("exp_alerts")).isEmpty()) {
                    firing.add(t.get("alertname").toString());
                }
            }
        }
        assertThat(firing).isEqualTo(new TreeSet<>(alerts().keySet()));
    }

    /** Commands in backquotes are driftwatch commands a person will paste: each must run and exit 0. */
    @Test
    void everyCommandInAHintRuns() throws IOException {
        List<String> commands = new ArrayList<>();
        alerts().values().forEach(annotations -> annotations.values().forEach(text -> {
            Matcher m = COMMAND.matcher(text.toString());
            while (m.find()) {
                commands.add(m.group(1));
            }
        }));
        assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith(JAR));

        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(
                    "--spring.datasource.url=jdbc:h2:mem:hint-" + commands.indexOf(command)
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
            // Placeholders stand for values the operator reads from the log.
            args.addAll(List.of(command.substring(JAR.length()).replace("<runDate>", "2026-05-01").split(" ")));
            int exit = SpringApplication.exit(SpringApplication.run(DriftwatchApplication.class, args.toArray(String[]::new)));
            assertThat(exit).as(command).isZero();
        }
    }

    /** Alert name to its annotations. */
    private static Map<String, Map<?, ?>> alerts() throws IOException {
        Map<String, Map<?, ?>> alerts = new java.util.TreeMap<>();
        Map<String, Object> file = new Yaml().load(Files.readString(PushedAlertsTest.RULES));
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                alerts.put(r.get("alert").toString(), (Map<?, ?>) r.get("annotations"));
            }
        }
        return alerts;
    }
}
