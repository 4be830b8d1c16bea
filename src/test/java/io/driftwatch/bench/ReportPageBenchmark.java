package io.driftwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.DriftwatchApplication;
import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.html.HtmlReports;
import io.driftwatch.html.JdbcReportReader;
import io.driftwatch.html.RunPage;
import io.driftwatch.html.RunPages;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.window.JdbcWindowProfileDao;

/**
 * Size and render time of the HTML page of a run with many features (not a test): one monitor over a generated table
 * of F features (four numeric to one categorical, every tenth shifted), three nights run by driftJob on an embedded
 * H2 so that every method has a sparkline, then the page of the last night rendered from the database R times (the
 * first cold) and, when Debian's Chromium and chromedriver are installed, opened in headless Chromium for its first
 * contentful paint. Run with bench/report/run.sh.
 * <p>
 * Arguments: {@code --features F} (500), {@code --rows N} per window (2,000), {@code --renders R} (5),
 * {@code --methods psi,kl,mean_shift} (a methods list for numeric features instead of the default selection;
 * categorical features get the same list less numeric-only methods), {@code --out DIR} (target/bench-report).
 */
public final class ReportPageBenchmark {

    private static final LocalDate FIRST = LocalDate.of(2026, 3, 10);
    private static final int NIGHTS = 3;
    private static final String[] CATEGORIES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};

    public static void main(String[] args) throws Exception {
        int features = 500;
        int rows = 2_000;
        int renders = 5;
        String methods = null;
        Path out = Path.of("target", "bench-report");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--features" -> features = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--renders" -> renders = Integer.parseInt(args[++i]);
                case "--methods" -> methods = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --features F --rows N --renders R --methods a,b --out DIR");
            }
        }
        Files.createDirectories(out);
        Path config = out.resolve("monitors.yaml");
        Files.writeString(config, monitors(features, methods));
        ConfigurableApplicationContext context = SpringApplication.run(DriftwatchApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:bench-report;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--spring.config.additional-location=file:" + config.toAbsolutePath(), "--driftwatch.launch.enabled=false",
                "--logging.level.root=WARN");
        try {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            createTable(jdbc, features);
            long loadStart = System.nanoTime();
            insert(jdbc, features, FIRST.minusDays(40), FIRST.minusDays(10), rows, false, 1);
            for (int night = 0; night < NIGHTS; night++) {
                LocalDate date = FIRST.plusDays(night);
                insert(jdbc, features, date.minusDays(1), date, rows, night > 0, 10 + night);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long jobStart = System.nanoTime();
            for (int night = 0; night < NIGHTS; night++) {
                ExitCodes exit = context.getBean(DriftCommand.class).launch(FIRST.plusDays(night)).exitCode();
                if (exit != ExitCodes.COMPLETED) {
                    throw new IllegalStateException("driftJob ended " + exit + " for " + FIRST.plusDays(night));
                }
            }
            double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
            LocalDate last = FIRST.plusDays(NIGHTS - 1);
            long reportRows = jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Long.class, last);
            long drifted = jdbc.queryForObject("SELECT COUNT(DISTINCT feature) FROM drift_report WHERE run_date = ?"
                    + " AND drifted", Long.class, last);
            HtmlReports reports = context.getBean(HtmlReports.class);
            long[] millis = new long[renders];
            long[] cpuMillis = new long[renders];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            HtmlReports.Written written = null;
            for (int r = 0; r < renders; r++) {
                long cpu = threads.getCurrentThreadCpuTime();
                written = reports.writeRunDate(out, last, null, null);
                cpuMillis[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
                millis[r] = written.renderMillis();
            }
            // the two halves of a render, warm: reading and shaping the page's data, and the template
            RunPages pages = new RunPages(context.getBean(JdbcReportReader.class), context.getBean(JdbcDriftReportDao.class),
                    context.getBean(JdbcWindowProfileDao.class), context.getBean(JsonMapper.class), ZoneOffset.UTC, 14,
                    Clock.systemUTC());
            long buildStart = System.nanoTime();
            RunPage page = pages.build(last, null, null);
            long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
            TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
            long templateStart = System.nanoTime();
            StringOutput html = new StringOutput(1 << 20);
            engine.render("run.jte", page, html);
            long templateMillis = (System.nanoTime() - templateStart) / 1_000_000;
            long[] warm = Arrays.copyOfRange(millis, Math.min(1, renders - 1), renders);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "features %d (%d drifted), %d drift_report rows, %,d rows per window%n",
                    features, drifted, reportRows, rows);
            System.out.printf(Locale.ROOT, "setup: rows loaded in %.1f s, %d driftJob nights in %.1f s%n", loadSeconds,
                    NIGHTS, jobSeconds);
            System.out.printf(Locale.ROOT, "page %s: %,.0f KB (%,d bytes)%n", written.file(), written.bytes() / 1024.0,
                    written.bytes());
            System.out.printf(Locale.ROOT, "render (database reads + template): cold %d ms, warm median %d ms (all: %s)%n",
                    millis[0], warm[warm.length / 2], Arrays.toString(millis));
            System.out.printf(Locale.ROOT, "render CPU time of the rendering thread: cold %d ms, warm %s; load average %.1f"
                    + " on %d cores (wall times above include waiting for a core)%n", cpuMillis[0],
                    Arrays.toString(Arrays.copyOfRange(cpuMillis, Math.min(1, renders - 1), renders)),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "of which (warm, once): page data %d ms, template %d ms%n", buildMillis,
                    templateMillis);
            System.out.println("first contentful paint in headless Chromium: " + paint(written.file()));
        } finally {
            SpringApplication.exit(context);
        }
    }

    private static String monitors(int features, String methods) {
        StringBuilder yaml = new StringBuilder("""
                driftwatch:
                  monitors:
                    - name: wide
                      model: wide-model
                      source: { table: wide_features, timestamp-column: scored_at }
                      baseline: { table: wide_features, from: 2026-01-01T00:00:00Z, to: 2026-03-01T00:00:00Z }
                      window: P1D
                      features:
                """);
        for (int f = 0; f < features; f++) {
            yaml.append("        - { name: ").append(column(f)).append(", type: ")
                    .append(categorical(f) ? "categorical" : "numeric").append(" }\n");
        }
        if (methods != null) {
            List<String> categoricalMethods = new ArrayList<>(List.of(methods.split(",")));
            categoricalMethods.removeAll(List.of("mean_shift", "ks", "wasserstein", "wasserstein_norm", "anderson_darling"));
            yaml.append("      methods: { numeric: [").append(methods).append("], categorical: [")
                    .append(String.join(",", categoricalMethods)).append("] }\n");
        }
        return yaml.toString();
    }

    private static boolean categorical(int f) {
        return f % 5 == 4;
    }

    private static boolean shifted(int f) {
        return f % 10 == 0 || f % 10 == 9;
    }

    private static String column(int f) {
        return String.format(Locale.ROOT, categorical(f) ? "c%03d" : "f%03d", f);
    }

    private static void createTable(JdbcTemplate jdbc, int features) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE wide_features (scored_at TIMESTAMP WITH TIME ZONE NOT NULL");
        for (int f = 0; f < features; f++) {
            ddl.append(", ").append(column(f)).append(categorical(f) ? " VARCHAR(16)" : " DOUBLE PRECISION");
        }
        jdbc.execute(ddl.append(')').toString());
    }

    /** {@code rows} rows spread over [from, to) days; shifted features move by 0.5 σ or reverse their categories. */
    private static void insert(JdbcTemplate jdbc, int features, LocalDate from, LocalDate to, int rows, boolean shift,
                               long seed) {
        Random random = new Random(seed);
        StringBuilder sql = new StringBuilder("INSERT INTO wide_features VALUES (?");
        sql.append(", ?".repeat(features)).append(')');
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = to.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - start.toEpochMilli();
        List<Object[]> batch = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[features + 1];
            row[0] = Instant.ofEpochMilli(start.toEpochMilli() + span * r / rows).atOffset(ZoneOffset.UTC);
            for (int f = 0; f < features; f++) {
                boolean moved = shift && shifted(f);
                if (categorical(f)) {
                    int k = Math.min(CATEGORIES.length - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 1.5));
                    row[f + 1] = CATEGORIES[moved ? CATEGORIES.length - 1 - k : k];
                } else {
                    row[f + 1] = random.nextDouble() < 0.01 ? null
                            : Math.round((100 + f + 10 * random.nextGaussian() + (moved ? 5 : 0)) * 100) / 100.0;
                }
            }
            batch.add(row);
            if (batch.size() == 500) {
                jdbc.batchUpdate(sql.toString(), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql.toString(), batch);
        }
    }

    /** First contentful paint of the page in Debian's headless Chromium, or why it was not measured. */
    private static String paint(Path page) throws IOException {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            return "not measured (apt-get install chromium chromium-driver)";
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--window-size=1200,900");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .build(), options);
        try {
            List<String> paints = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                browser.get("about:blank");
                browser.get(page.toUri().toString());
                Object fcp = ((JavascriptExecutor) browser).executeScript("const p = performance.getEntriesByName("
                        + "'first-contentful-paint')[0]; return p ? Math.round(p.startTime) : -1");
                paints.add(fcp + " ms");
            }
            return String.join(", ", paints) + " (three loads)";
        } finally {
            browser.quit();
        }
    }
}
