package io.driftwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code driftwatch.*} configuration exactly as written. Values that users commonly get wrong
 * (durations, instants, thresholds) are bound as text and converted by {@link MonitorValidator},
 * so that a mistake is reported with the monitor's name, the key, the value and the fix instead
 * of a generic binding error.
 */
@ConfigurationProperties("driftwatch")
public class DriftwatchProperties {

    /** Zone in which a run date starts; windows end at runDate 00:00 in this zone. */
    private String zone = "UTC";

    /** Threads of the partitioned profile and drift steps. */
    private int partitionThreads = 2;

    /** Time slices the current window is cut into and profiled in parallel; 0 means one per partition thread. */
    private int profileSlices = 0;

    /**
     * Width of the time buckets the current side is profiled and stored in (ISO-8601: P1D, PT6H, PT1H); it must
     * divide a day and every monitor's window. A night profiles only buckets that are new or whose data changed.
     */
    private String bucket = "P1D";

    /** How long bucket profiles are kept before the newest window end of their monitor (never less than its window). */
    private String bucketRetention = "P90D";

    /**
     * How late rows may arrive after their bucket ended (ISO-8601, e.g. P2D or PT6H); a monitor's
     * {@code source.allowed-lateness} overrides it. A stored bucket (or cached baseline) whose range had ended this
     * long before its fingerprint was last taken or confirmed is trusted without counting it; rows arriving later
     * are not seen until the bucket is profiled again. Unset: every bucket is counted every night.
     */
    private String allowedLateness;

    /**
     * A run of the same date left STARTED by a process that died (killed pod) is recovered and
     * restarted once it has shown no activity for this long. Keep it above the longest run
     * (the CronJob's activeDeadlineSeconds); PT0S takes over at once.
     */
    private Duration recoverAfter = Duration.ofHours(4);

    /** On SIGTERM, how long to wait for the running job to stop at a step boundary (below the pod's grace period). */
    private Duration shutdownGrace = Duration.ofSeconds(100);

    /**
     * A schema of driftwatch's own for its tables and Spring Batch's (created when missing); unset: the
     * connection's schema. Feature tables are still found along the connection's search path.
     */
    private String schema;

    /**
     * The monitors: each names a model, its source table and timestamp column, a baseline, a window, features
     * and methods (keys listed in docs/configuration.md).
     */
    private List<MonitorProperties> monitors = new ArrayList<>();

    private ExitCodeProperties exitCodes = new ExitCodeProperties();

    private FeaturesProperties features = new FeaturesProperties();

    /**
     * Where the partitions of the profile and drift steps run: {@code local} (threads of this process, no broker)
     * or {@code remote} (worker processes started with driftwatch.role=worker take them from RabbitMQ, driftwatch.remote.*).
     */
    private String partitioning = "local";

    /**
     * What this process is: {@code manager} runs the command or job of its command line; {@code worker} (with
     * driftwatch.partitioning=remote) executes partitions sent by managers until SIGTERM.
     */
    private String role = "manager";

    public String getPartitioning() { return partitioning; }
    public void setPartitioning(String partitioning) { this.partitioning = partitioning; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }

    public String getSchema() { return schema; }
    public void setSchema(String schema) { this.schema = schema; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public int getPartitionThreads() { return partitionThreads; }
    public void setPartitionThreads(int partitionThreads) { this.partitionThreads = partitionThreads; }
    public java.time.Duration getRecoverAfter() { return recoverAfter; }
    public void setRecoverAfter(java.time.Duration recoverAfter) { this.recoverAfter = recoverAfter; }
    public java.time.Duration getShutdownGrace() { return shutdownGrace; }
    public void setShutdownGrace(java.time.Duration shutdownGrace) { this.shutdownGrace = shutdownGrace; }
    public String getBucket() { return bucket; }
    public void setBucket(String bucket) { this.bucket = bucket; }
    public String getBucketRetention() { return bucketRetention; }
    public void setBucketRetention(String bucketRetention) { this.bucketRetention = bucketRetention; }
    public String getAllowedLateness() { return allowedLateness; }
    public void setAllowedLateness(String allowedLateness) { this.allowedLateness = allowedLateness; }
    public int getProfileSlices() { return profileSlices; }
    public void setProfileSlices(int profileSlices) { this.profileSlices = profileSlices; }
    public List<MonitorProperties> getMonitors() { return monitors; }
    public void setMonitors(List<MonitorProperties> monitors) { this.monitors = monitors; }
    public ExitCodeProperties getExitCodes() { return exitCodes; }
    public void setExitCodes(ExitCodeProperties exitCodes) { this.exitCodes = exitCodes; }
    public FeaturesProperties getFeatures() { return features; }
    public void setFeatures(FeaturesProperties features) { this.features = features; }

    /** Where monitors read their rows, when not from the report database (spring.datasource). */
    public static class FeaturesProperties {
        private FeatureDataSourceProperties datasource = new FeatureDataSourceProperties();

        public FeatureDataSourceProperties getDatasource() { return datasource; }
        public void setDatasource(FeatureDataSourceProperties datasource) { this.datasource = datasource; }
    }

    /**
     * A separate database for feature tables and queries (a warehouse or read replica); unset url: the report
     * database. driftwatch only reads it, in read-only transactions, so a role with SELECT alone suffices.
     */
    public static class FeatureDataSourceProperties {
        /** JDBC URL of the feature database (PostgreSQL or H2); unset: the report database (spring.datasource.url). */
        private String url;
        /** User of the feature database; a role with SELECT on the monitored tables is enough. */
        private String username;
        /** Password of the feature database user. */
        private String password;
        /** Connections to the feature database; about one per partition thread. */
        private int poolSize = 4;
        /** Open feature connections read-only, so that no query can write. */
        private boolean readOnly = true;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
        public boolean isReadOnly() { return readOnly; }
        public void setReadOnly(boolean readOnly) { this.readOnly = readOnly; }
    }

    /** Process exit codes that a scheduler may need to read differently from driftwatch's defaults. */
    public static class ExitCodeProperties {
        /**
         * Exit code of driftJob when its run date already completed and nothing was written (3 by default).
         * A Kubernetes CronJob sets 0: Kubernetes has no rule that turns a non-zero exit into success.
         */
        private int alreadyComplete = 3;

        public int getAlreadyComplete() { return alreadyComplete; }
        public void setAlreadyComplete(int alreadyComplete) { this.alreadyComplete = alreadyComplete; }
    }

    public static class MonitorProperties {
        private String name;
        private String model;
        private SourceProperties source = new SourceProperties();
        private BaselineProperties baseline = new BaselineProperties();
        private String window = "P1D";
        private List<FeatureProperties> features = new ArrayList<>();
        private Map<String, List<String>> methods = new LinkedHashMap<>();
        private Map<String, String> thresholds = new LinkedHashMap<>();
        private Map<String, String> warnThresholds = new LinkedHashMap<>();
        private String selection;
        private String binning;
        private String smoothing;
        private String logBase;
        private String minCount;
        private String correction;
        private String driftShare = "0.5";
        private RetrainingProperties retraining = new RetrainingProperties();
        private String performanceTable = "model_performance";
        private List<SegmentProperties> segments = new ArrayList<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getModel() { return model; }
        public void setModel(String model) { this.model = model; }
        public SourceProperties getSource() { return source; }
        public void setSource(SourceProperties source) { this.source = source; }
        public BaselineProperties getBaseline() { return baseline; }
        public void setBaseline(BaselineProperties baseline) { this.baseline = baseline; }
        public String getWindow() { return window; }
        public void setWindow(String window) { this.window = window; }
        public List<FeatureProperties> getFeatures() { return features; }
        public void setFeatures(List<FeatureProperties> features) { this.features = features; }
        public Map<String, List<String>> getMethods() { return methods; }
        public void setMethods(Map<String, List<String>> methods) { this.methods = methods; }
        public Map<String, String> getThresholds() { return thresholds; }
        public void setThresholds(Map<String, String> thresholds) { this.thresholds = thresholds; }
        public Map<String, String> getWarnThresholds() { return warnThresholds; }
        public void setWarnThresholds(Map<String, String> warnThresholds) { this.warnThresholds = warnThresholds; }
        public String getSelection() { return selection; }
        public void setSelection(String selection) { this.selection = selection; }
        public String getBinning() { return binning; }
        public void setBinning(String binning) { this.binning = binning; }
        public String getSmoothing() { return smoothing; }
        public void setSmoothing(String smoothing) { this.smoothing = smoothing; }
        public String getLogBase() { return logBase; }
        public void setLogBase(String logBase) { this.logBase = logBase; }
        public String getMinCount() { return minCount; }
        public void setMinCount(String minCount) { this.minCount = minCount; }
        public String getCorrection() { return correction; }
        public void setCorrection(String correction) { this.correction = correction; }
        public String getDriftShare() { return driftShare; }
        public void setDriftShare(String driftShare) { this.driftShare = driftShare; }
        public RetrainingProperties getRetraining() { return retraining; }
        public void setRetraining(RetrainingProperties retraining) { this.retraining = retraining; }
        public String getPerformanceTable() { return performanceTable; }
        public void setPerformanceTable(String performanceTable) { this.performanceTable = performanceTable; }
        public List<SegmentProperties> getSegments() { return segments; }
        public void setSegments(List<SegmentProperties> segments) { this.segments = segments; }
    }

    /**
     * A column whose values split the monitor's rows into segments, each judged on its own besides the whole
     * population: the {@code max} values with the most baseline rows are segments of their own, the others are
     * pooled as {@code (other)}, and values new in the current window are reported.
     */
    public static class SegmentProperties {
        /** The column of the source (and baseline) table whose values name the segments, e.g. country. */
        private String column;
        /** Segments of their own at most (the values with the most baseline rows), 1 to 500; the rest are pooled. */
        private String max = "50";
        /** Whether a segment's drift asks for retraining (and so raises the retraining incident) like the population's. */
        private boolean decide;

        public String getColumn() { return column; }
        public void setColumn(String column) { this.column = column; }
        public String getMax() { return max; }
        public void setMax(String max) { this.max = max; }
        public boolean isDecide() { return decide; }
        public void setDecide(boolean decide) { this.decide = decide; }
    }

    public static class SourceProperties {
        /** The feature table (or view); exactly one of table, query and files. */
        private String table;
        /**
         * One SELECT (or WITH ... SELECT) on the feature database whose rows are monitored: joins, filters,
         * computed columns. It must return the timestamp column and every feature column.
         */
        private String query;
        /** Parquet or CSV files, a path or glob such as /data/features/*.parquet or s3://bucket/f/*.parquet, read through DuckDB. */
        private String files;
        private String timestampColumn;
        /**
         * A column that changes whenever a row is written (a version or updated-at column); its maximum joins each
         * bucket's fingerprint, so rows rewritten in place re-profile their bucket. Unset: row count and max timestamp.
         */
        private String versionColumn;
        /** This monitor's {@code driftwatch.allowed-lateness} (ISO-8601 duration); unset: the process-wide one. */
        private String allowedLateness;

        public String getVersionColumn() { return versionColumn; }
        public void setVersionColumn(String versionColumn) { this.versionColumn = versionColumn; }
        public String getAllowedLateness() { return allowedLateness; }
        public void setAllowedLateness(String allowedLateness) { this.allowedLateness = allowedLateness; }

        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public String getQuery() { return query; }
        public void setQuery(String query) { this.query = query; }
        public String getFiles() { return files; }
        public void setFiles(String files) { this.files = files; }
        public String getTimestampColumn() { return timestampColumn; }
        public void setTimestampColumn(String timestampColumn) { this.timestampColumn = timestampColumn; }
    }

    public static class BaselineProperties {
        /** The baseline's table; at most one of table, query and files (none: the source's). */
        private String table;
        /** The baseline as one SELECT (or WITH ... SELECT) on the feature database. */
        private String query;
        /** The baseline as Parquet or CSV files (a training snapshot), read through DuckDB. */
        private String files;
        private String from;
        private String to;
        private String version;

        public String getVersion() { return version; }
        public void setVersion(String version) { this.version = version; }
        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public String getQuery() { return query; }
        public void setQuery(String query) { this.query = query; }
        public String getFiles() { return files; }
        public void setFiles(String files) { this.files = files; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }
        public String getTo() { return to; }
        public void setTo(String to) { this.to = to; }
    }

    public static class FeatureProperties {
        private String name;
        private String type;
        private String column;
        private List<String> edges = new ArrayList<>();

        public List<String> getEdges() { return edges; }
        public void setEdges(List<String> edges) { this.edges = edges; }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public String getColumn() { return column; }
        public void setColumn(String column) { this.column = column; }
    }

    public static class RetrainingProperties {
        private String accuracyFloor = "0.78";
        private String latencyCeiling = "0.5";
        private String driftShare;
        private List<String> criticalFeatures = new ArrayList<>();
        private String minRows = "0";
        private String cooldown = "PT0S";
        private String maxTasks = "0";
        private String period = "P30D";
        private boolean approval;
        private int priority;
        private String maxAttempts = "5";

        public String getAccuracyFloor() { return accuracyFloor; }
        public void setAccuracyFloor(String accuracyFloor) { this.accuracyFloor = accuracyFloor; }
        public String getLatencyCeiling() { return latencyCeiling; }
        public void setLatencyCeiling(String latencyCeiling) { this.latencyCeiling = latencyCeiling; }
        public String getDriftShare() { return driftShare; }
        public void setDriftShare(String driftShare) { this.driftShare = driftShare; }
        public List<String> getCriticalFeatures() { return criticalFeatures; }
        public void setCriticalFeatures(List<String> criticalFeatures) { this.criticalFeatures = criticalFeatures; }
        public String getMinRows() { return minRows; }
        public void setMinRows(String minRows) { this.minRows = minRows; }
        public String getCooldown() { return cooldown; }
        public void setCooldown(String cooldown) { this.cooldown = cooldown; }
        public String getMaxTasks() { return maxTasks; }
        public void setMaxTasks(String maxTasks) { this.maxTasks = maxTasks; }
        public String getPeriod() { return period; }
        public void setPeriod(String period) { this.period = period; }
        public boolean isApproval() { return approval; }
        public void setApproval(boolean approval) { this.approval = approval; }
        public int getPriority() { return priority; }
        public void setPriority(int priority) { this.priority = priority; }
        public String getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(String maxAttempts) { this.maxAttempts = maxAttempts; }
    }
}
