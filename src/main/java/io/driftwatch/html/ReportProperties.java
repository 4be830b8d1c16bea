package io.driftwatch.html;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code driftwatch.report.*}: where driftJob writes the HTML page of each run date. Off unless {@code dir} is set,
 * except on the built-in demo, which writes to {@code <java.io.tmpdir>/driftwatch-report}.
 */
@ConfigurationProperties("driftwatch.report")
public class ReportProperties {

    /** Directory of the per-run HTML pages; empty (the default) writes none. */
    private String dir = "";

    /** Runs shown in each score sparkline (the run itself and the ones before it). */
    private int historyRuns = 14;

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir == null ? "" : dir.trim();
    }

    public int getHistoryRuns() {
        return historyRuns;
    }

    public void setHistoryRuns(int historyRuns) {
        this.historyRuns = historyRuns;
    }
}
