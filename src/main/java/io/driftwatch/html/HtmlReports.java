package io.driftwatch.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the pages with the precompiled templates ({@code src/main/jte}) and writes them. A page is written to a
 * temporary file beside its target and moved into place, so a reader never sees half a page.
 */
public class HtmlReports {

    /** A page on disk. */
    public record Written(Path file, long bytes, long renderMillis) {
    }

    /** The file name of the history page. */
    public static final String HISTORY_FILE = "history.html";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final RunPages runPages;
    private final HistoryPages historyPages;

    public HtmlReports(RunPages runPages, HistoryPages historyPages) {
        this.runPages = runPages;
        this.historyPages = historyPages;
    }

    /** The file name of a run date's page. */
    public static String runFileName(LocalDate runDate) {
        return "driftwatch-" + runDate + ".html";
    }

    /** Renders the page of {@code runDate} (all monitors, or only {@code monitor}) into {@code dir}. */
    public Written writeRunDate(Path dir, LocalDate runDate, String monitor, String historyHref) {
        long start = System.nanoTime();
        String html = render("run.jte", runPages.build(runDate, monitor, historyHref));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return write(dir.resolve(runFileName(runDate)), html, millis);
    }

    /**
     * Renders the history page of [from, to] and the page of every run date in it into {@code dir} (all monitors, or
     * only {@code monitor}); the history page comes first in the list.
     */
    public java.util.List<Written> writeHistory(Path dir, LocalDate from, LocalDate to, String monitor,
                                                java.util.List<LocalDate> runDates) {
        java.util.List<Written> written = new java.util.ArrayList<>();
        long start = System.nanoTime();
        String html = render("history.jte", historyPages.build(from, to, monitor));
        written.add(write(dir.resolve(HISTORY_FILE), html, (System.nanoTime() - start) / 1_000_000));
        for (LocalDate date : runDates) {
            written.add(writeRunDate(dir, date, monitor, HISTORY_FILE));
        }
        return written;
    }

    /** Renders {@code template} with its one parameter. */
    String render(String template, Object model) {
        StringOutput out = new StringOutput(64 * 1024);
        engine.render(template, model, out);
        return out.toString();
    }

    /** Temporary files are private to their owner; a page is for sharing, like any file the user writes. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stand
        }
    }

    static Written write(Path file, String html, long renderMillis) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".driftwatch-", ".tmp");
            try {
                Files.write(temp, bytes);
                readableByAll(temp);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report " + file.toAbsolutePath() + ": " + e.getMessage()
                    + "; check that driftwatch.report.dir is a writable directory", e);
        }
        return new Written(file.toAbsolutePath(), bytes.length, renderMillis);
    }
}
